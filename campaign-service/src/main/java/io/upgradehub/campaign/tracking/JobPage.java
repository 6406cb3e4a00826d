package io.upgradehub.campaign.tracking;

import java.util.List;

/** One page of jobs. */
record JobPage(List<JobResponse> items, int page, int size, long total) {}
