using GanWorkbench.Theory;

namespace GanWorkbench.Tests.Theory;

public class CoordinateDescentTests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Simultaneous_steps_on_the_bilinear_game_grow_by_sqrt_one_plus_eta_squared(double eta)
    {
        var path = MinMaxGame.Bilinear().Simultaneous(eta, 200, 1, 0.5);
        double start = path[0].Norm;
        for (int k = 1; k < path.Count; k++)
            Assert.Equal(start * Math.Pow(1 + eta * eta, k / 2.0), path[k].Norm, start * Math.Pow(1 + eta * eta, k / 2.0) * 1e-12);
        Assert.True(path[^1].Norm > path[0].Norm);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(1.5)]
    public void Alternating_steps_on_the_bilinear_game_stay_on_an_ellipse(double eta)
    {
        var game = MinMaxGame.Bilinear();
        var path = game.Alternating(eta, 10_000, 1, 0.5);
        double q = game.AlternatingInvariant(1, 0.5, eta);
        Assert.All(path, p => Assert.Equal(q, game.AlternatingInvariant(p.X, p.Y, eta), 1e-9));
        // x² + y² + ηxy ≥ (1 − η/2)(x² + y²), so the norm is bounded by √(q / (1 − η/2)).
        double bound = Math.Sqrt(q / (1 - eta / 2));
        Assert.All(path, p => Assert.True(p.Norm <= bound + 1e-9));
        Assert.True(path.Skip(9_000).Max(p => p.Norm) > 0.5 * path[0].Norm);   // bounded, but not converging
    }

    [Fact]
    public void Update_map_eigenvalues_say_diverge_cycle_converge()
    {
        var bilinear = MinMaxGame.Bilinear();
        Assert.All(bilinear.UpdateEigenvalues(0.5, alternating: false), l => Assert.Equal(Math.Sqrt(1.25), l.Magnitude, 1e-12));
        Assert.All(bilinear.UpdateEigenvalues(0.5, alternating: true), l => Assert.Equal(1, l.Magnitude, 1e-12));
        var damped = new MinMaxGame(0.5, 1, 0.5);
        Assert.All(damped.UpdateEigenvalues(0.1, alternating: false), l => Assert.True(l.Magnitude < 1));
        Assert.True(damped.Simultaneous(0.1, 500)[^1].Norm < 1e-6);
        Assert.True(damped.Alternating(0.1, 500)[^1].Norm < 1e-6);
    }

    [Fact]
    public void Update_matrix_reproduces_one_step_of_each_schedule()
    {
        var game = new MinMaxGame(0.3, 1.2, 0.7);
        foreach (bool alternating in new[] { false, true })
        {
            var m = game.UpdateMatrix(0.25, alternating);
            var step = alternating ? game.Alternating(0.25, 1, 0.8, -0.4)[1] : game.Simultaneous(0.25, 1, 0.8, -0.4)[1];
            Assert.Equal(step.X, m[0, 0] * 0.8 + m[0, 1] * -0.4, 1e-15);
            Assert.Equal(step.Y, m[1, 0] * 0.8 + m[1, 1] * -0.4, 1e-15);
        }
    }

    static readonly QuadraticProblem Problem = new(new double[,] { { 3, 1 }, { 1, 2 } }, [1, -1]);

    [Fact]
    public void Cyclic_coordinate_descent_reaches_the_minimiser_along_a_staircase()
    {
        var path = Problem.CyclicCoordinateDescent([2, 2], sweeps: 30);
        Assert.Equal(61, path.Count);
        Assert.Equal(0.6, Problem.Minimizer[0], 1e-14);      // A⁻¹b = (3, −4)/5
        Assert.Equal(-0.8, Problem.Minimizer[1], 1e-14);
        Assert.Equal(0.6, path[^1].Point[0], 1e-12);
        Assert.Equal(-0.8, path[^1].Point[1], 1e-12);
        // First update: x₀ = (b₀ − A₀₁x₁)/A₀₀ = (1 − 2)/3; only one coordinate moves per update.
        Assert.Equal(new[] { -1.0 / 3, 2 }, path[1].Point);
        Assert.Equal(path[1].Point[0], path[2].Point[0]);
        // Exact line minimisation never increases f.
        Assert.True(path.Zip(path.Skip(1)).All(p => p.Second.Value <= p.First.Value + 1e-15));
    }

    [Fact]
    public void Gradient_descent_converges_below_two_over_lambda_max_and_diverges_above()
    {
        double limit = Problem.MaxStableLearningRate;
        Assert.Equal(2 / ((5 + Math.Sqrt(5)) / 2), limit, 1e-12);
        Assert.Equal(Problem.MinimumValue, Problem.GradientDescent([2, 2], 0.9 * limit, 400)[^1].Value, 1e-10);
        Assert.True(Problem.GradientDescent([2, 2], 1.1 * limit, 400)[^1].Norm > 1e6);
        var block = Problem.BlockCoordinateDescent([2, 2], [1, 1], 0.3, 200);
        Assert.Equal(0.6, block[^1].Point[0], 1e-10);
        Assert.Equal(-0.8, block[^1].Point[1], 1e-10);
    }

    [Fact]
    public void Bad_problems_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new QuadraticProblem(new double[,] { { 1, 2 }, { 3, 4 } }, [0, 0]));
        Assert.Throws<ArgumentException>(() => new QuadraticProblem(new double[,] { { 1, 2 }, { 2, 1 } }, [0, 0]));
        Assert.Throws<ArgumentException>(() => Problem.BlockCoordinateDescent([0, 0], [1], 0.1, 1));
    }
}
