package org.otklik.poll;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.common.web.Page;

@Schema(name = "PollAdminPage")
public record PollAdminPage(
        List<PollAdminView> items,
        @Schema(nullable = true, description = "Pass as cursor to get the next page; null on the last page") String nextCursor) {

    static PollAdminPage of(Page<PollAdminView> page) {
        return new PollAdminPage(page.items(), page.nextCursor());
    }
}
