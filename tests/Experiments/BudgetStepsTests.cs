using GanWorkbench.Experiments;
using GanWorkbench.Training;

namespace GanWorkbench.Tests.Experiments;

public class BudgetStepsTests
{
    static ExperimentSpec Spec(double? epochs = null, long? steps = null, UpdateKind kind = UpdateKind.Alternating, int dSteps = 1) => new()
    {
        Data = new() { BatchSize = 64 },
        Budget = new() { Epochs = epochs, Steps = steps },
        Schedule = new() { Kind = kind, DSteps = dSteps },
    };

    [Theory]
    [InlineData(0.5, UpdateKind.Alternating, 1, 469)]      // ⌈0.5 × 937⌉: 60,000 images make 937 whole batches of 64
    [InlineData(0.5, UpdateKind.Alternating, 5, 94)]       // ⌈0.5 × 937 / 5⌉: five critic batches per generator step
    [InlineData(5.0, UpdateKind.Alternating, 5, 937)]      // the zoo's WGANs: 5 epochs = 937 generator steps
    [InlineData(1.0, UpdateKind.Simultaneous, 5, 937)]     // simultaneous updates read one batch per step, whatever d_steps says
    [InlineData(0.0001, UpdateKind.Alternating, 1, 1)]     // never less than one step
    public void Epochs_become_generator_steps_by_the_batches_one_step_reads(double epochs, UpdateKind kind, int dSteps, long expected) =>
        Assert.Equal(expected, BudgetSteps.OfGan(Spec(epochs, kind: kind, dSteps: dSteps), trainImages: 60_000));

    [Fact]
    public void A_budget_in_steps_is_taken_as_given() =>
        Assert.Equal(123L, BudgetSteps.OfGan(Spec(steps: 123, dSteps: 5), trainImages: 60_000));
}
