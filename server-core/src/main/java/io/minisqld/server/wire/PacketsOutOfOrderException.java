package io.minisqld.server.wire;

import io.minisqld.server.error.ErrorCode;
import java.io.IOException;

/** A reply whose sequence id does not continue the exchange, which a client refuses (spec §1.1). */
public final class PacketsOutOfOrderException extends IOException {
    private static final long serialVersionUID = 1L;

    PacketsOutOfOrderException() {
        super(ErrorCode.ER_NET_PACKETS_OUT_OF_ORDER.message());
    }
}
