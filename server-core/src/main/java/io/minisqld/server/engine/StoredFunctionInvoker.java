package io.minisqld.server.engine;

import java.util.List;

/**
 * What runs a stored function when the engine evaluates a call of it: the statement layer, in the
 * session whose statement made the call, on that session's own engine session.
 */
@FunctionalInterface
public interface StoredFunctionInvoker {
    /**
     * @param arguments the arguments' values: null, Long, BigDecimal, Double, String or byte[]
     * @return the function's value in the same forms
     */
    Object call(EngineQuery.StoredFunctionCall call, List<Object> arguments);
}
