package io.upgradehub.campaign.batch;

import java.util.List;

/** One page of batches, newest first. */
record BatchPage(List<BatchResponse> items, int page, int size, long total) {}
