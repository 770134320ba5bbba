using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanWorkbench.Models;

/// <summary>
/// The workbench's evaluation classifier: a LeNet-style network (LeCun et al. 1998) for 28×28
/// grey images — two 5×5 convolution + max-pool blocks, a 128-unit fully connected layer, and a
/// 10-way output — with batch norm after each convolution so a few epochs reach LeNet-5's accuracy.
/// <para>It plays the role Inception-v3 plays for ImageNet metrics: its 128 penultimate activations
/// (<see cref="Features"/>) are the feature space of classifier-FID and precision/recall, its softmax
/// feeds the MNIST score and class coverage (TF-GAN's "MNIST score" and "MNIST Fréchet distance" use
/// their own classifier the same way). Inputs are images (B, 1, 28, 28) with pixels in [−1, 1].</para>
/// Trained and cached by <see cref="Metrics.EvaluationClassifier"/>.
/// </summary>
public sealed class LeNetClassifier : Module<Tensor, Tensor>
{
    /// <summary>Length of the penultimate feature vector.</summary>
    public const int FeatureDim = 128;

    readonly Conv2d conv1;
    readonly BatchNorm2d conv1_bn;
    readonly Conv2d conv2;
    readonly BatchNorm2d conv2_bn;
    readonly Linear fc1;
    readonly Dropout drop;
    readonly Linear fc2;

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <param name="classes">Output classes (10 for MNIST and Fashion-MNIST).</param>
    public LeNetClassifier(int classes = 10) : base(nameof(LeNetClassifier))
    {
        Classes = classes;
        conv1 = Conv2d(1, 16, 5, padding: 2, bias: false);   // (B, 1, 28, 28) → (B, 16, 28, 28)
        conv1_bn = BatchNorm2d(16);
        conv2 = Conv2d(16, 32, 5, padding: 2, bias: false);  // (B, 16, 14, 14) → (B, 32, 14, 14)
        conv2_bn = BatchNorm2d(32);
        fc1 = Linear(32 * 7 * 7, FeatureDim);                // (B, 1568) → (B, 128)
        drop = Dropout(0.3);
        fc2 = Linear(FeatureDim, classes);                   // (B, 128) → (B, classes)
        RegisterComponents();
    }

    /// <summary>The penultimate activations (after ReLU), shape (B, <see cref="FeatureDim"/>).</summary>
    public Tensor Features(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = functional.max_pool2d(functional.relu(conv1_bn.forward(conv1.forward(x))), 2); // (B, 16, 14, 14)
        h = functional.max_pool2d(functional.relu(conv2_bn.forward(conv2.forward(h))), 2);     // (B, 32, 7, 7)
        return functional.relu(fc1.forward(h.flatten(1))).MoveToOuterDisposeScope();          // (B, 128)
    }

    /// <summary>Class logits (B, <see cref="Classes"/>) computed from given features.</summary>
    public Tensor Logits(Tensor features) => fc2.forward(drop.forward(features));

    /// <summary>Class logits, shape (B, <see cref="Classes"/>).</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return Logits(Features(x)).MoveToOuterDisposeScope();
    }
}
