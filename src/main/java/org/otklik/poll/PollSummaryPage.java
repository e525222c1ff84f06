package org.otklik.poll;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.common.web.Page;

@Schema(name = "PollSummaryPage")
public record PollSummaryPage(
        List<PollSummaryView> items,
        @Schema(nullable = true, description = "Pass as cursor to get the next page; null on the last page") String nextCursor) {

    static PollSummaryPage of(Page<PollSummaryView> page) {
        return new PollSummaryPage(page.items(), page.nextCursor());
    }
}
