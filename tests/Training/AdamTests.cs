using GanWorkbench.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Training;

/// <summary>The workbench's Adam step is TorchSharp's Adam, operation for operation: the same parameters
/// bit for bit after several steps, a learning-rate change and a save/load of the optimiser state.</summary>
public class AdamTests
{
    static nn.Module<Tensor, Tensor> Net()
    {
        manual_seed(3);
        return nn.Sequential(nn.Linear(5, 7), nn.Tanh(), nn.Linear(7, 1));
    }

    static float[] Train(Func<IEnumerable<TorchSharp.Modules.Parameter>, TorchSharp.Modules.OptimizerHelper> create, string statePath)
    {
        using var net = Net();
        using var x = linspace(-1, 1, 40).reshape(8, 5);
        var optimizer = create(net.parameters());
        void Steps(int n)
        {
            for (int i = 0; i < n; i++)
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                net.forward(x).square().mean().backward();
                optimizer.step();
            }
        }
        Steps(4);
        foreach (var group in optimizer.ParamGroups) group.LearningRate = 3e-3;
        Steps(3);
        optimizer.save_state_dict(statePath);
        optimizer.Dispose();
        optimizer = create(net.parameters());
        optimizer.load_state_dict(statePath);
        Steps(3);
        optimizer.Dispose();
        return net.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
    }

    [Fact]
    public void Steps_match_TorchSharps_Adam_bit_for_bit()
    {
        string dir = Path.Combine(Path.GetTempPath(), "gwb-adam-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var theirs = Train(p => optim.Adam(p, 1e-2, 0.5, 0.9), Path.Combine(dir, "theirs.bin"));
            var ours = Train(p => new GanWorkbench.Training.Adam(p, 1e-2, 0.5, 0.9), Path.Combine(dir, "ours.bin"));
            Assert.Equal(theirs, ours);
            using var net = Net();
            Assert.NotEqual(net.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray(), ours);   // it did train
            // The same state file, so checkpoints written with either resume with the other.
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "theirs.bin")), File.ReadAllBytes(Path.Combine(dir, "ours.bin")));
            using var other = Net();
            using var resumed = new GanWorkbench.Training.Adam(other.parameters(), 1e-2, 0.5, 0.9);
            resumed.load_state_dict(Path.Combine(dir, "theirs.bin"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Weight_decay_matches_TorchSharps_Adam_bit_for_bit()
    {
        string dir = Path.Combine(Path.GetTempPath(), "gwb-adam-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var theirs = Train(p => optim.Adam(p, 1e-2, 0.5, 0.9, weight_decay: 0.05), Path.Combine(dir, "theirs.bin"));
            var ours = Train(p => new GanWorkbench.Training.Adam(p, 1e-2, 0.5, 0.9, weightDecay: 0.05), Path.Combine(dir, "ours.bin"));
            var plain = Train(p => new GanWorkbench.Training.Adam(p, 1e-2, 0.5, 0.9), Path.Combine(dir, "plain.bin"));
            Assert.Equal(theirs, ours);
            Assert.NotEqual(plain, ours);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Weight_decay_alone_moves_each_weight_towards_zero_by_the_rate()
    {
        var decayed = new TorchSharp.Modules.Parameter(tensor(new float[] { 2, -4 }));
        var kept = new TorchSharp.Modules.Parameter(tensor(new float[] { 2, -4 }));
        using var withDecay = new GanWorkbench.Training.Adam([decayed], 0.1, weightDecay: 0.01);
        using var without = new GanWorkbench.Training.Adam([kept], 0.1);
        decayed.mul(0).sum().backward();                                            // the loss's own gradient is 0
        kept.mul(0).sum().backward();
        withDecay.step();
        without.step();
        // First step on g = λθ: m̂ / √v̂ = sign(θ), so θ moves by lr towards 0; without decay m̂ = 0 and θ stays.
        Assert.Equal(new[] { 1.9f, -3.9f }, decayed.data<float>().ToArray().Select(v => MathF.Round(v, 5)));
        Assert.Equal([2f, -4f], kept.data<float>().ToArray());
        Assert.Throws<ArgumentException>(() => new GanWorkbench.Training.Adam([kept], 0.1, weightDecay: -1)); // TorchSharp's own check
    }

    [Fact]
    public void A_parameter_without_a_gradient_is_left_alone()
    {
        var used = new TorchSharp.Modules.Parameter(ones(3));
        var unused = new TorchSharp.Modules.Parameter(ones(2));
        using var adam = new GanWorkbench.Training.Adam([used, unused], 0.1);
        used.sum().backward();
        adam.step();
        // First step: m̂ = g, v̂ = g², so θ moves by lr · g / (|g| + ε) ≈ lr.
        Assert.All(used.data<float>().ToArray(), v => Assert.Equal(0.9f, v, 5));
        Assert.Equal([1f, 1f], unused.data<float>().ToArray());
    }
}
