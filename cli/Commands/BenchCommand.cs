using System.CommandLine;
using System.Globalization;
using System.Reflection;
using GanWorkbench.Bench;
using GanWorkbench.Bench.Gpu;
using GanWorkbench.Bench.Report;
using GanWorkbench.Bench.Runner;

namespace GanWorkbench.Cli.Commands;

/// <summary><c>./gwb bench [--quick] [--only PARTS] [--skip PARTS] [--models …] [--batches …] …</c>:
/// the speed benchmarks (code in bench/, see bench/README.md).</summary>
public static class BenchCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "Tiny budget (smoke test): every part runs for a moment; the numbers mean nothing." };
        var device = new Option<string>("--device") { Description = "auto (CUDA when available), cpu, cuda or cuda:N.", DefaultValueFactory = _ => "auto" };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads for TorchSharp and the PyTorch peer (0: GWB_THREADS, else all cores)." };
        var models = new Option<string?>("--models") { Description = $"Comma-separated models (default: all): {string.Join(", ", BenchModels.All.Select(m => m.Name))}." };
        var batches = new Option<string?>("--batches") { Description = "Comma-separated batch sizes (default: 64,256)." };
        var only = new Option<string?>("--only") { Description = $"Run only these parts (comma-separated): {string.Join(", ", BenchParts.All)}. 'pytorch' = the speed rounds with the PyTorch peer." };
        var skip = new Option<string?>("--skip") { Description = "Leave out these parts (comma-separated)." };
        var python = new Option<string?>("--python") { Description = "Python with torch for the PyTorch peer (default: /usr/bin/python3, Debian's python3-torch)." };
        var rounds = new Option<int?>("--rounds") { Description = "Alternating speed rounds per model × batch (default 7)." };
        var block = new Option<double?>("--block-seconds") { Description = "Target seconds of one timed block (default 2.5)." };
        var memorySteps = new Option<int?>("--memory-steps") { Description = "Steps of the DCGAN b64 memory run (default 5000); other rows run one epoch." };
        var notebookBudgets = new Option<string?>("--notebook-budgets") { Description = "Notebook budgets the notebooks part runs, comma-separated: quick, lesson, full (default: quick,lesson; full takes hours on a CPU; --quick runs quick only)." };
        var output = new Option<string?>("--output") { Description = "JSON file (default: bench/results/<UTC time>-<device>.json)." };
        var markdown = new Option<string?>("--update-benchmarks") { Description = "Rewrite the generated speed tables in this markdown file (e.g. BENCHMARKS.md)." };
        var isa = new Option<string?>("--onednn-isa") { Description = "oneDNN instruction-set cap for the training processes (sets GWB_ONEDNN_ISA; default: the machine's checked cap, ALL where ./gwb doctor --check-onednn passed, else SSE41 — see lib/Native/OneDnnCheck.cs)." };
        var worker = new Option<string?>("--worker") { Description = "Internal: run one worker job file.", Hidden = true };
        var command = new Command("bench", "Speed: images/s, step time, % of the SGEMM ceiling, memory, epoch time, data loading, notebooks, vs bare TorchSharp and PyTorch.")
        {
            quick, device, threads, models, batches, only, skip, python, rounds, block, memorySteps, notebookBudgets, output, markdown, isa, worker,
        };
        command.SetAction(r =>
        {
            // A libtorch from elsewhere (GWB_LIBTORCH_DIR, e.g. a PyTorch install on a GPU machine) must be
            // in the process before TorchSharp initialises; see bench/Gpu/ExternalLibTorch.cs.
            foreach (var lib in ExternalLibTorch.PreloadFromEnvironment()) Console.Error.WriteLine($"gwb bench: loaded {lib}");
            if (r.GetValue(worker) is { } job)
            {
                Worker.Run(BenchJson.Read<WorkerJob>(job), message => Console.Error.WriteLine("  " + message));
                return ExitCodes.Ok;
            }
            // Workers inherit this process's environment: the cap applies to every training process it starts.
            if (r.GetValue(isa) is { } cap) Environment.SetEnvironmentVariable("GWB_ONEDNN_ISA", cap);
            var defaults = new BenchOptions();
            var parts = r.GetValue(only) is { } o ? BenchParts.Parse(o, "--only") : defaults.Parts;
            if (r.GetValue(skip) is { } s) parts = parts.Except(BenchParts.Parse(s, "--skip")).ToHashSet();
            var options = defaults with
            {
                Quick = r.GetValue(quick),
                Device = r.GetValue(device)!,
                Threads = r.GetValue(threads),
                Models = r.GetValue(models) is { } m ? List(m) : defaults.Models,
                Batches = r.GetValue(batches) is { } b ? List(b).Select(x => ParseInt(x, "--batches")).ToList() : defaults.Batches,
                Parts = parts,
                Python = r.GetValue(python) ?? defaults.Python,
                Rounds = r.GetValue(rounds) ?? defaults.Rounds,
                BlockSeconds = r.GetValue(block) ?? defaults.BlockSeconds,
                MemorySteps = r.GetValue(memorySteps) ?? defaults.MemorySteps,
                NotebookBudgets = r.GetValue(notebookBudgets) is { } nbb ? BenchParts.ParseNotebookBudgets(nbb) : defaults.NotebookBudgets,
                Output = r.GetValue(output),
                UpdateMarkdown = r.GetValue(markdown),
                Command = "./gwb " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
            };
            string entry = Assembly.GetEntryAssembly()?.Location ?? typeof(BenchCommand).Assembly.Location;
            var (result, path) = BenchRunner.Run(options, SelfLauncher.Current(entry), Console.Error.WriteLine);
            Console.WriteLine();
            if (result.Models.Any(x => x.Speed is not null)) Console.WriteLine(BenchSummary.Table(result));
            foreach (var line in BenchSummary.Targets(result)) Console.WriteLine(line);
            Console.WriteLine($"results: {path}");
            return result.Models.Any(x => x.Error is not null) ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    static List<string> List(string csv) => csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    static int ParseInt(string text, string option) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value
        : throw new InputException($"{option}: '{text}' is not a whole number.");
}
