package io.costq.contract;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the one {@link CostqProcesses} of this test run: started on first use, stopped when the run ends
 * (the root store closes it), so both clients' tests share one API and one worker.
 */
public final class RunningCostq implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == CostqProcesses.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(CostqProcesses.class, k -> new Closing(), Closing.class).processes;
    }

    private static final class Closing implements ExtensionContext.Store.CloseableResource {
        final CostqProcesses processes;

        Closing() {
            try {
                processes = CostqProcesses.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the API and the worker", e);
            }
        }

        @Override
        public void close() throws Exception {
            processes.close();
        }
    }
}
