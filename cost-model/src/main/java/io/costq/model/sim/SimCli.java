package io.costq.model.sim;

import picocli.CommandLine;

/** Runs a picocli command of the simulator: bad input (a bad flag, or a value a record refuses) prints why and the usage, exit 2. */
final class SimCli {
    private SimCli() {}

    static int run(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (!(ex instanceof IllegalArgumentException)) throw ex;
            cmd.getErr().println(ex.getMessage());
            cmd.usage(cmd.getErr());
            return CommandLine.ExitCode.USAGE;
        });
        return cl.execute(args);
    }
}
