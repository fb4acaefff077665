package io.minisqld.server.result;

import java.util.List;

/**
 * What CALL gives its client, in MySQL's order: the result sets of the procedure's statements,
 * each followed by more; for a prepared CALL, one row of its OUT and INOUT parameters bound to
 * markers (SERVER_PS_OUT_PARAMS); then the CALL's own OK.
 *
 * @param outParameters null when the CALL has no marker bound to an OUT or INOUT parameter
 */
public record ProcedureResult(List<RowsResult> resultSets, RowsResult outParameters, OkResult ok)
        implements StatementResult {
    public ProcedureResult {
        resultSets = List.copyOf(resultSets);
    }
}
