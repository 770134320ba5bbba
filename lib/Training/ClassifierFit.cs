using System.Diagnostics;
using GanWorkbench.Data;
using GanWorkbench.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Training;

/// <summary>How <see cref="ClassifierFit"/> trains. A fixed number of optimiser steps (not epochs), so
/// that a classifier on 100 images and one on 100 images plus 5,000 generated ones get the same budget.</summary>
public sealed record ClassifierFitOptions
{
    /// <summary>Adam steps.</summary>
    public int Steps { get; init; } = 300;
    /// <summary>Images per minibatch (capped at the training set's size).</summary>
    public int BatchSize { get; init; } = 64;
    /// <summary>Adam's peak learning rate; it decays along a half cosine to zero over the steps.</summary>
    public double LearningRate { get; init; } = 2e-3;
    /// <summary>Decoupled weight decay (AdamW); 0 = plain Adam.</summary>
    public double WeightDecay { get; init; }
    /// <summary>Seed of the initialisation, dropout and batch order.</summary>
    public long Seed { get; init; } = 1;
}

/// <summary>What <see cref="ClassifierFit.Train"/> produced. Dispose it to free the network.</summary>
/// <param name="Network">The trained classifier (eval mode).</param>
/// <param name="TestAccuracy">Fraction of the test images labelled correctly.</param>
/// <param name="TrainAccuracy">Fraction of the training images labelled correctly (eval mode).</param>
/// <param name="TrainCount">Training images.</param>
/// <param name="Seconds">Wall-clock training and evaluation time.</param>
public sealed record ClassifierFitResult(LeNetClassifier Network, double TestAccuracy, double TrainAccuracy, int TrainCount, double Seconds) : IDisposable
{
    /// <summary>Frees the network.</summary>
    public void Dispose() => Network.Dispose();
}

/// <summary>
/// Trains a <see cref="LeNetClassifier"/> on given tensors and reports its test accuracy: the
/// building block of the few-label experiments (a classifier on 10, 30 or 100 labelled images per
/// class, with or without generated images added — the data-augmentation use of a conditional GAN,
/// e.g. DAGAN, Antoniou et al. 2017). Cross-entropy, Adam with a cosine learning-rate decay, the
/// batch order from a <see cref="BatchSampler"/> seeded by the options, so a run is reproducible on
/// the same device and thread count. Images are (N, 1, 28, 28) in the given <c>PixelScale</c>
/// (the network sees [−1, 1]); labels (N) int64.
/// Notebook: 07-conditional-and-augmentation.
/// </summary>
public static class ClassifierFit
{
    /// <summary>Trains on (<paramref name="images"/>, <paramref name="labels"/>) and measures accuracy on
    /// (<paramref name="testImages"/>, <paramref name="testLabels"/>).</summary>
    public static ClassifierFitResult Train(Tensor images, Tensor labels, Tensor testImages, Tensor testLabels,
        int classes = 10, ClassifierFitOptions? options = null, PixelScale scale = PixelScale.Tanh)
    {
        options ??= new ClassifierFitOptions();
        Check(images, labels, "training");
        Check(testImages, testLabels, "test");
        if (options.Steps < 1) throw new InputException($"classifier steps must be positive, got {options.Steps}.");
        var clock = Stopwatch.StartNew();
        var device = images.device;
        int count = (int)images.shape[0];
        Runtime.Compute.SeedTorch(options.Seed);
        var net = new LeNetClassifier(classes);
        net.to(device);
        using var sampler = new BatchSampler(count, Math.Min(options.BatchSize, count), options.Seed, device);
        using var adam = optim.AdamW(net.parameters(), options.LearningRate, weight_decay: options.WeightDecay); // decay 0 = Adam
        ClassifierLoop.Train(net, adam, options.LearningRate, options.Steps, sampler,
            index => (ToTanh(images.index_select(0, index), scale), labels.index_select(0, index)));
        double test = Accuracy(net, testImages, testLabels, scale);
        double train = Accuracy(net, images, labels, scale);
        return new ClassifierFitResult(net, test, train, count, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Fraction of <paramref name="images"/> that <paramref name="net"/> labels correctly (eval mode,
    /// no_grad, batches of 1,000).</summary>
    public static double Accuracy(LeNetClassifier net, Tensor images, Tensor labels, PixelScale scale = PixelScale.Tanh)
    {
        Check(images, labels, "evaluation");
        return ClassifierLoop.Accuracy(net, images, labels, x => ToTanh(x, scale));
    }

    static Tensor ToTanh(Tensor x, PixelScale scale) => scale == PixelScale.ZeroOne ? x.mul(2).sub(1) : x;

    static void Check(Tensor images, Tensor labels, string what)
    {
        if (images.dim() != 4 || images.shape[1] != 1 || images.shape[2] != 28 || images.shape[3] != 28)
            throw new InputException($"{what} images must be (N, 1, 28, 28), got ({string.Join(", ", images.shape)}).");
        if (labels.dim() != 1 || labels.shape[0] != images.shape[0])
            throw new InputException($"{what} labels must be (N) with N = {images.shape[0]} (one per image), got ({string.Join(", ", labels.shape)}).");
        if (images.shape[0] == 0) throw new InputException($"{what} set is empty.");
    }
}
