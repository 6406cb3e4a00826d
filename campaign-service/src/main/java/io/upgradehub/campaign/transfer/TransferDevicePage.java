package io.upgradehub.campaign.transfer;

import java.util.List;

/** One page of a transfer's devices, by name. */
record TransferDevicePage(List<TransferDevice> items, int page, int size, long total) {}
