using GanWorkbench.Runtime;

namespace GanWorkbench.Tests.Runtime;

public class DoctorTests
{
    [Fact]
    public void Doctor_reports_torch_working_and_a_fix_for_every_warning_or_problem()
    {
        var report = Doctor.Run();
        Assert.Contains(report.Checks, c => c is { Section: "Torch", Name: "torch", Status: CheckStatus.Ok });
        Assert.Contains(report.Checks, c => c is { Section: "System", Name: "CPU", Status: CheckStatus.Info });
        Assert.All(report.Checks, c => Assert.Equal(c.Status is CheckStatus.Warning or CheckStatus.Problem, c.Fix.Length > 0));
        var mnist = report.Checks.Single(c => c.Section.StartsWith("Data", StringComparison.Ordinal) && c.Name == "mnist");
        Assert.Equal(mnist.Status == CheckStatus.Ok, report.CanTrain);
        Assert.Equal(report.Checks.Count(c => c.Status == CheckStatus.Problem), report.Problems);
    }

    [Fact]
    public void Fix_and_unfix_together_is_an_input_error() =>
        Assert.Equal("--fix and --unfix cannot be used together.",
            Assert.Throws<InputException>(() => Doctor.Run(fixNuGetCache: true, unfixNuGetCache: true)).Message);
}
