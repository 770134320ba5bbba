using GanWorkbench.Models;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Models;

/// <summary>WeightNormLinear (Salimans &amp; Kingma 2016): the reparameterisation's closed form and invariances,
/// and the data-dependent initialisation.</summary>
public class WeightNormTests
{
    static WeightNormLinear Layer(float[] direction, float[] scale, float[] bias)
    {
        var layer = new WeightNormLinear(direction.Length / scale.Length, scale.Length);
        var state = layer.state_dict();
        using (no_grad())
        {
            state["direction"].copy_(tensor(direction, [scale.Length, direction.Length / scale.Length]));
            state["scale"].copy_(tensor(scale));
            state["bias"].copy_(tensor(bias));
        }
        return layer;
    }

    [Fact]
    public void Forward_is_the_scaled_unit_direction_plus_the_bias()
    {
        // Rows v = (3, 4) and (0, 2): unit directions (0.6, 0.8) and (0, 1), scaled by 2 and 0.5.
        using var layer = Layer([3, 4, 0, 2], [2, 0.5f], [1, -1]);
        using var x = tensor(new float[] { 1, 1, 2, -1 }, [2, 2]);
        using var y = layer.forward(x);
        var expected = new[] { 3.8f, -0.5f, 1.8f, -1.5f };                     // 1.2 + 1.6 + 1, 0.5 − 1, 2.4 − 1.6 + 1, −0.5 − 1
        Assert.Equal(expected, y.data<float>().ToArray().Select(v => MathF.Round(v, 5)));
        Assert.Equal(new[] { "direction", "scale", "bias" }, layer.state_dict().Keys);
    }

    [Fact]
    public void Rescaling_a_direction_leaves_the_output_unchanged()
    {
        using var layer = Layer([3, 4, 0, 2], [2, 0.5f], [1, -1]);
        using var longer = Layer([21, 28, 0, 0.2f], [2, 0.5f], [1, -1]);     // row 1 × 7, row 2 × 0.1
        using var x = randn(5, 2);
        using var a = layer.forward(x);
        using var b = longer.forward(x);
        Assert.True(a.allclose(b, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void The_gradient_of_a_direction_is_orthogonal_to_it()
    {
        // ∇_v L = (s/‖v‖)(I − v vᵀ/‖v‖²) ∇_w L (Salimans & Kingma 2016, eq. 4): v · ∇_v L = 0 for every unit.
        manual_seed(11);
        using var layer = new WeightNormLinear(6, 4);
        using var x = randn(9, 6);
        layer.forward(x).tanh().sum().backward();
        var v = layer.state_dict()["direction"];
        using var grad = layer.parameters().First().grad!;
        using var dots = v.mul(grad).sum(1);                                    // (4)
        using var gradNorms = grad.norm(1);
        Assert.All(dots.data<float>().ToArray(), d => Assert.InRange(d, -1e-5f, 1e-5f));
        Assert.All(gradNorms.data<float>().ToArray(), n => Assert.True(n > 1e-3f));   // a real gradient
    }

    [Fact]
    public void Data_dependent_initialisation_gives_every_unit_mean_0_and_sd_1_on_its_batch()
    {
        manual_seed(5);
        using var layer = new WeightNormLinear(7, 3, trainScale: false);
        using var x = randn(64, 7).mul(3).add(2);
        using var returned = layer.InitializeFromData(x);
        using var y = layer.forward(x);
        Assert.True(returned.allclose(y, rtol: 1e-4, atol: 1e-5));
        using var mean = y.mean([0]);
        using var sd = y.sub(mean).square().mean([0]).sqrt();
        Assert.All(mean.data<float>().ToArray(), m => Assert.InRange(m, -1e-5f, 1e-5f));
        Assert.All(sd.data<float>().ToArray(), s => Assert.InRange(s, 1 - 1e-4f, 1 + 1e-4f));
    }

    [Fact]
    public void A_fixed_scale_gets_no_gradient_and_a_trained_one_does()
    {
        manual_seed(2);
        using var fixedScale = new WeightNormLinear(3, 2, trainScale: false);
        using var trainedScale = new WeightNormLinear(3, 2, trainScale: true);
        using var x = randn(4, 3);
        fixedScale.forward(x).sum().backward();
        trainedScale.forward(x).sum().backward();
        Assert.False(fixedScale.TrainsScale);
        Assert.Null(fixedScale.state_dict()["scale"].grad);
        Assert.NotNull(fixedScale.state_dict()["direction"].grad);
        Assert.NotNull(trainedScale.state_dict()["scale"].grad);
    }

    [Fact]
    public void Initialising_on_a_constant_batch_names_the_dead_units()
    {
        using var layer = new WeightNormLinear(2, 3);
        using var x = ones(5, 2);
        var error = Assert.Throws<ArgumentException>(() => layer.InitializeFromData(x));
        Assert.StartsWith("3 of 3 units are constant on the initialisation batch (σ = 0)", error.Message);
    }
}
