package org.otklik.poll;

/** JSON examples for the OpenAPI contract. */
final class PollExamples {

    static final String POLL_REQUEST = """
            {
              "title": {"ru": "Благоустройство набережной", "en": "Embankment improvement"},
              "description": {"ru": "Выберите, что сделать на набережной в 2027 году"},
              "opensAt": "2026-07-01T09:00:00+04:00",
              "closesAt": "2026-07-21T21:00:00+04:00",
              "eligibility": {"districts": ["leninsky", "samarsky"], "minAge": 14},
              "resultsPolicy": "LIVE",
              "secret": true,
              "allowRevote": false,
              "questions": [
                {"type": "SINGLE", "title": {"ru": "Что важнее всего?"}, "required": true,
                 "options": [{"code": "park", "title": {"ru": "Парк"}}, {"code": "bikes", "title": {"ru": "Велодорожки"}}]},
                {"type": "MULTIPLE", "title": {"ru": "Что ещё нужно?"}, "required": false, "min": 1, "max": 2,
                 "options": [{"code": "light", "title": {"ru": "Освещение"}}, {"code": "benches", "title": {"ru": "Скамейки"}},
                             {"code": "wc", "title": {"ru": "Туалеты"}}]},
                {"type": "RATING", "title": {"ru": "Оцените набережную сейчас"}, "scale": 5},
                {"type": "TEXT", "title": {"ru": "Ваши предложения"}, "required": false, "maxLength": 1000}
              ]
            }""";

    static final String POLL_ADMIN = """
            {
              "id": "0b8e7c1a-3f5d-4e2a-9c6b-1d2e3f4a5b6c", "status": "PUBLISHED", "state": "OPEN",
              "title": {"ru": "Благоустройство набережной", "en": "Embankment improvement"},
              "description": {"ru": "Выберите, что сделать на набережной в 2027 году"},
              "opensAt": "2026-07-01T09:00:00+04:00", "closesAt": "2026-07-21T21:00:00+04:00", "closedAt": null,
              "eligibility": {"districts": ["leninsky", "samarsky"], "minAge": 14},
              "resultsPolicy": "LIVE", "secret": true, "allowRevote": false,
              "questions": [{"id": "q1", "type": "SINGLE", "title": {"ru": "Что важнее всего?"}, "required": true,
                             "options": [{"code": "park", "title": {"ru": "Парк"}}, {"code": "bikes", "title": {"ru": "Велодорожки"}}]}],
              "definitionHash": "9f2c4e1b0a7d3c5e8f6a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a",
              "createdAt": "2026-06-20T10:00:00+04:00", "updatedAt": "2026-06-25T12:00:00+04:00",
              "publishedAt": "2026-06-25T12:00:00+04:00", "version": 3
            }""";

    /** What createPoll answers for POLL_REQUEST: a draft, not yet published. */
    static final String POLL_DRAFT = """
            {
              "id": "0b8e7c1a-3f5d-4e2a-9c6b-1d2e3f4a5b6c", "status": "DRAFT", "state": "DRAFT",
              "title": {"ru": "Благоустройство набережной", "en": "Embankment improvement"},
              "description": {"ru": "Выберите, что сделать на набережной в 2027 году"},
              "opensAt": "2026-07-01T09:00:00+04:00", "closesAt": "2026-07-21T21:00:00+04:00", "closedAt": null,
              "eligibility": {"districts": ["leninsky", "samarsky"], "minAge": 14},
              "resultsPolicy": "LIVE", "secret": true, "allowRevote": false,
              "questions": [
                {"id": "q1", "type": "SINGLE", "title": {"ru": "Что важнее всего?"}, "required": true,
                 "options": [{"code": "park", "title": {"ru": "Парк"}}, {"code": "bikes", "title": {"ru": "Велодорожки"}}]},
                {"id": "q2", "type": "MULTIPLE", "title": {"ru": "Что ещё нужно?"}, "required": false, "min": 1, "max": 2,
                 "options": [{"code": "light", "title": {"ru": "Освещение"}}, {"code": "benches", "title": {"ru": "Скамейки"}},
                             {"code": "wc", "title": {"ru": "Туалеты"}}]},
                {"id": "q3", "type": "RATING", "title": {"ru": "Оцените набережную сейчас"}, "required": true, "scale": 5},
                {"id": "q4", "type": "TEXT", "title": {"ru": "Ваши предложения"}, "required": false, "maxLength": 1000}
              ],
              "definitionHash": "9f2c4e1b0a7d3c5e8f6a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a",
              "createdAt": "2026-06-20T10:00:00+04:00", "updatedAt": "2026-06-20T10:00:00+04:00",
              "publishedAt": null, "version": 1
            }""";

    static final String POLL_DETAIL = """
            {
              "id": "0b8e7c1a-3f5d-4e2a-9c6b-1d2e3f4a5b6c", "state": "OPEN",
              "title": {"ru": "Благоустройство набережной", "en": "Embankment improvement"},
              "description": {"ru": "Выберите, что сделать на набережной в 2027 году"},
              "opensAt": "2026-07-01T09:00:00+04:00", "closesAt": "2026-07-21T21:00:00+04:00",
              "eligibility": {"districts": ["leninsky", "samarsky"], "minAge": 14},
              "resultsPolicy": "LIVE", "resultsVisible": true, "secret": true, "allowRevote": false,
              "questions": [{"id": "q1", "type": "SINGLE", "title": {"ru": "Что важнее всего?"}, "required": true,
                             "options": [{"code": "park", "title": {"ru": "Парк"}}, {"code": "bikes", "title": {"ru": "Велодорожки"}}]}],
              "definitionHash": "9f2c4e1b0a7d3c5e8f6a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a",
              "voting": {"canVote": true, "hasVoted": false, "reason": null}
            }""";

    static final String BALLOT_REQUEST = """
            {"answers": [
              {"questionId": "q1", "optionCodes": ["park"]},
              {"questionId": "q2", "optionCodes": ["light", "wc"]},
              {"questionId": "q3", "rating": 4},
              {"questionId": "q4", "text": "Больше деревьев"}
            ]}""";

    static final String RECEIPT_CODE = "RBDACA59J0WX71AZWKZ5GAMK4Q2DMN4K6F9ZJHHC5Z99MYC8YGEF58GMEW";

    static final String BALLOT_RECEIPT = """
            {"pollId": "0b8e7c1a-3f5d-4e2a-9c6b-1d2e3f4a5b6c", "receipt": "RBDACA59J0WX71AZWKZ5GAMK4Q2DMN4K6F9ZJHHC5Z99MYC8YGEF58GMEW",
             "castHour": "2026-07-03T18:00:00+04:00", "replacedEarlierBallot": false}""";

    static final String RECEIPT = """
            {"receipt": "RBDACA59J0WX71AZWKZ5GAMK4Q2DMN4K6F9ZJHHC5Z99MYC8YGEF58GMEW", "pollId": "0b8e7c1a-3f5d-4e2a-9c6b-1d2e3f4a5b6c",
             "pollTitle": {"ru": "Благоустройство набережной"}, "castHour": "2026-07-03T18:00:00+04:00", "status": "COUNTED"}""";

    static final String RECEIPT_CHECK = """
            {"receipt": "RBDACA59J0WX71AZWKZ5GAMK4Q2DMN4K6F9ZJHHC5Z99MYC8YGEF58GMEW"}""";

    static final String RESULTS = """
            {
              "pollId": "0b8e7c1a-3f5d-4e2a-9c6b-1d2e3f4a5b6c", "state": "OPEN", "participants": 1520,
              "asOf": "2026-07-03T18:42:05+04:00", "smallGroupThreshold": 10,
              "questions": [
                {"questionId": "q1", "type": "SINGLE", "answered": 1520,
                 "options": [{"code": "park", "title": {"ru": "Парк"}, "count": 912, "share": 0.6},
                             {"code": "bikes", "title": {"ru": "Велодорожки"}, "count": 608, "share": 0.4}]},
                {"questionId": "q3", "type": "RATING", "answered": 1500, "mean": 3.71,
                 "distribution": [{"value": 1, "count": 60}, {"value": 2, "count": 90}, {"value": 3, "count": 300},
                                  {"value": 4, "count": 600}, {"value": 5, "count": 450}]},
                {"questionId": "q4", "type": "TEXT", "answered": 311}
              ],
              "byDistrict": {"groups": [{"group": "leninsky", "participants": 900, "questions": []}], "hiddenGroups": 1},
              "byChannel": {"groups": [{"group": "WIDGET", "participants": 1100, "questions": []}], "hiddenGroups": 0}
            }""";

    static final String CONSISTENCY = """
            {"pollId": "0b8e7c1a-3f5d-4e2a-9c6b-1d2e3f4a5b6c", "consistent": true, "phase": "OPENED",
             "participations": 1520, "sealedBallots": 0, "ballots": 1520, "tallied": 1520, "differences": [],
             "ballotsByTransactionSize": {"one": 0, "twoToNine": 0, "tenOrMore": 1520},
             "checkedAt": "2026-07-03T18:42:05+04:00"}""";

    private PollExamples() {
    }
}
