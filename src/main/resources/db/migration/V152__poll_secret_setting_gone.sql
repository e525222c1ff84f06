-- Every ballot is sealed until the close and opened unlinked from its voter (V140), so a poll's
-- "secret" setting says nothing any more: the column goes. The definition's canonical JSON keeps the
-- member it was hashed with (true for every poll created from now on; the API refuses false).
alter table poll drop column secret;
