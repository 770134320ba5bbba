using GanWorkbench.Course;

namespace GanWorkbench.Tests.Course;

public class NotebookBudgetTests
{
    [Theory]
    [InlineData("quick", BudgetKind.Quick)]
    [InlineData("lesson", BudgetKind.Lesson)]
    [InlineData("full", BudgetKind.Full)]
    [InlineData(" Lesson ", BudgetKind.Lesson)]
    [InlineData("FULL", BudgetKind.Full)]
    public void Names_parse_to_their_budget(string name, BudgetKind kind)
    {
        var budget = NotebookBudget.Parse(name);
        Assert.Equal(kind, budget.Kind);
        Assert.Equal(kind.ToString().ToLowerInvariant(), budget.Name);
    }

    [Theory]
    [InlineData("lesson")]
    [InlineData("full")]
    public void The_old_quick_flag_wins(string name) => Assert.Equal(BudgetKind.Quick, NotebookBudget.Parse(name, quick: true).Kind);

    [Fact]
    public void Pick_returns_the_value_of_the_budget()
    {
        Assert.Equal(40, NotebookBudget.Quick.Pick(40, 1500, 3000));
        Assert.Equal(1500, NotebookBudget.Lesson.Pick(40, 1500, 3000));
        Assert.Equal(3000, NotebookBudget.Full.Pick(40, 1500, 3000));
        Assert.Null(NotebookBudget.Full.Pick<long?>(40, 1500, null));
        Assert.True(NotebookBudget.Lesson.IsLesson && !NotebookBudget.Lesson.IsQuick && !NotebookBudget.Lesson.IsFull);
    }

    [Fact]
    public void Quick_and_lesson_train_on_one_thread_and_full_on_every_core()
    {
        Assert.Equal((1, 1, 0), (NotebookBudget.Quick.Threads, NotebookBudget.Lesson.Threads, NotebookBudget.Full.Threads));
        string? before = Environment.GetEnvironmentVariable("GWB_THREADS");
        int torchBefore = TorchSharp.torch.get_num_threads();
        try
        {
            Environment.SetEnvironmentVariable("GWB_THREADS", null);
            Assert.Same(NotebookBudget.Full, NotebookBudget.Full.UseThreads());
            Assert.Null(Environment.GetEnvironmentVariable("GWB_THREADS"));
            NotebookBudget.Lesson.UseThreads();
            Assert.Equal("1", Environment.GetEnvironmentVariable("GWB_THREADS"));
            Assert.Equal(1, TorchSharp.torch.get_num_threads());
        }
        finally
        {
            Environment.SetEnvironmentVariable("GWB_THREADS", before);
            TorchSharp.torch.set_num_threads(torchBefore);
        }
    }

    [Fact]
    public void An_unknown_name_is_refused_with_the_three_names()
    {
        var e = Assert.Throws<InputException>(() => NotebookBudget.Parse("medium"));
        Assert.Equal("BUDGET = \"medium\": give \"lesson\" (the default, ≤ 5 minutes on 2 CPU cores), \"quick\" (make test's tiny budget) or \"full\" (the papers' budgets).", e.Message);
    }
}
