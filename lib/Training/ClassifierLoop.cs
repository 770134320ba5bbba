using GanWorkbench.Data;
using GanWorkbench.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanWorkbench.Training;

/// <summary>
/// The one training loop and accuracy count behind both LeNet classifiers: the evaluation classifier
/// (<see cref="Metrics.ClassifierTraining"/>, epochs over a dataset) and the few-label classifiers
/// (<see cref="ClassifierFit"/>, a fixed number of steps on given tensors). Cross-entropy, the learning
/// rate decaying along a half cosine from its peak to zero, batches in the order of a seeded
/// <see cref="BatchSampler"/>, one dispose scope per step.
/// </summary>
public static class ClassifierLoop
{
    /// <summary>Takes <paramref name="steps"/> optimiser steps on the minibatches <paramref name="batch"/> returns for
    /// each index batch of <paramref name="sampler"/>; <paramref name="afterStep"/> sees the step (from 1) and its loss.</summary>
    public static void Train(LeNetClassifier net, OptimizerHelper optimizer, double peakLearningRate, long steps, BatchSampler sampler,
        Func<Tensor, (Tensor Images, Tensor Labels)> batch, Action<long, Tensor>? afterStep = null)
    {
        var group = optimizer.ParamGroups.Single();
        net.train();
        for (long step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            group.LearningRate = peakLearningRate * 0.5 * (1 + Math.Cos(Math.PI * step / steps));
            using var index = sampler.Next();
            var (images, labels) = batch(index);                               // (B, 1, 28, 28), (B)
            var loss = nn.functional.cross_entropy(net.forward(images), labels);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            afterStep?.Invoke(step + 1, loss);
        }
        net.eval();
    }

    /// <summary>Fraction of <paramref name="images"/> (in [−1, 1] once <paramref name="toNetworkScale"/> has mapped
    /// them) that <paramref name="net"/> labels correctly: eval mode, no_grad, batches of 1,000 moved to the network's device.</summary>
    public static double Accuracy(LeNetClassifier net, Tensor images, Tensor labels, Func<Tensor, Tensor>? toNetworkScale = null)
    {
        using var noGrad = no_grad();
        bool wasTraining = net.training;
        net.eval();
        var device = net.parameters().First().device;
        long correct = 0, n = images.shape[0];
        for (long start = 0; start < n; start += 1000)
        {
            using var scope = NewDisposeScope();
            long size = Math.Min(1000, n - start);
            var batch = images.narrow(0, start, size).to(device);
            var predicted = net.forward(toNetworkScale is null ? batch : toNetworkScale(batch)).argmax(1);
            correct += predicted.eq(labels.narrow(0, start, size).to(predicted.device)).sum().item<long>();
        }
        if (wasTraining) net.train();
        return (double)correct / n;
    }
}
