using static TorchSharp.torch;

namespace GanWorkbench.Training;

/// <summary>
/// torch's global CPU generator state, saved and restored. Checkpoints store it (so a resumed run
/// draws the same noise); <see cref="Preserve"/> keeps sampling and evaluation from shifting the
/// training run's random stream, so a run is the same with or without them.
/// </summary>
public static class RngState
{
    /// <summary>The global generator's state as bytes.</summary>
    public static byte[] Save()
    {
        using var state = get_rng_state();
        return state.data<byte>().ToArray();
    }

    /// <summary>Restores a state from <see cref="Save"/>.</summary>
    public static void Restore(byte[] state)
    {
        using var t = tensor(state, ScalarType.Byte);
        set_rng_state(t);
    }

    /// <summary>Saves the state now and restores it when the returned object is disposed.</summary>
    public static IDisposable Preserve() => new Guard(Save());

    sealed class Guard(byte[] state) : IDisposable
    {
        public void Dispose() => Restore(state);
    }
}
