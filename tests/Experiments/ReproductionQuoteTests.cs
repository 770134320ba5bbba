using GanWorkbench.Experiments;

namespace GanWorkbench.Tests.Experiments;

/// <summary>The notebooks' one-sentence quote of a committed record, and the sentence when there is none.</summary>
public class ReproductionQuoteTests
{
    [Fact]
    public void A_record_is_quoted_with_the_papers_value_the_budget_and_its_command()
    {
        using var temp = new TempFolder();
        new ReproductionRecord
        {
            Name = "toy", Paper = "Gulrajani et al. 2017", Target = "Fig. 2", Metric = "modes covered", Unit = "of 25 modes",
            PaperValue = 25, Value = 24.5, Error = 0.5, ErrorKind = "sd over seeds", Seeds = [1, 2], Budget = ReproductionBudget.Cpu,
            Hardware = "AMD EPYC, 2 cores", WallS = 125, Commit = "abc123", Command = "./gwb reproduce toy --budget cpu",
        }.Write(temp.File("toy.json"));

        Assert.Equal("Gulrajani et al. 2017, Fig. 2: modes covered = 24.5 ± 0.5 (sd over seeds) of 25 modes; the paper: 25 of 25 modes. " +
                     "Measured with the cpu budget (2 seeds) on AMD EPYC, 2 cores in 2 min, commit abc123; `./gwb reproduce toy --budget cpu` reproduces it.",
            ReproductionQuote.Text("toy", temp.Path));
        Assert.StartsWith("<p class=\"gwb-record\"><b>Reproduction record</b> — Gulrajani et al. 2017, Fig. 2:", ReproductionQuote.Html("toy", temp.Path).Value);
    }

    [Fact]
    public void A_missing_record_names_the_command_that_writes_it()
    {
        using var temp = new TempFolder();
        string text = ReproductionQuote.Text("absent", temp.Path);
        Assert.StartsWith("absent: no committed record yet; `./gwb reproduce absent --budget cpu` measures it and writes ", text);
        Assert.EndsWith("absent.json.", text);
    }
}
