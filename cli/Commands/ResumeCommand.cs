using System.CommandLine;
using GanWorkbench.Experiments;

namespace GanWorkbench.Cli.Commands;

/// <summary><c>./gwb resume RUN_DIR</c>: continues an interrupted or failed run from its last complete
/// checkpoint (or the one of <c>--from-checkpoint STEP</c>), in the same directory. Refuses (exit 2) a completed run, a run another process is still
/// running, and a checkpoint that does not match the run's config or its manifest.</summary>
public static class ResumeCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var dir = new Argument<string>("run_dir") { Description = "The run directory to continue (runs/<experiment>/<time>-s<seed>)." };
        var from = new Option<long?>("--from-checkpoint")
        {
            Description = "Resume from the checkpoint of this step instead of the newest (0: start the run over in its directory); later checkpoints are deleted.",
        };
        var command = new Command("resume", "Continue a run from its last complete checkpoint (bit for bit on the CPU).") { dir, from };
        command.SetAction(r =>
        {
            string path = r.GetValue(dir)!;
            string name;
            using (var run = RunDirectory.Open(path))
            {
                if (run.IsLocked()) throw new InputException($"{run.Path}: another process is running this run right now (it holds run.lock); wait for it or stop it first.");
                name = Path.GetFileName(Path.GetDirectoryName(run.Path)) ?? "run";
            }
            using var stop = StopSignal.Listen();
            var result = TrainingProgress.Run($"{name} (resumed)", report => ExperimentRunner.Resume(path, new RunOptions { OnLog = report, Preempt = stop.Token }, r.GetValue(from)));
            return RunCommand.Finish(result);
        });
        return command;
    }
}
