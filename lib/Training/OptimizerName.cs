namespace GanWorkbench.Training;

/// <summary>The optimisers a player can train with (<c>g_optim.name</c>, <c>d_optim.name</c>).</summary>
public enum OptimizerName
{
    /// <summary>Adam (Kingma &amp; Ba 2015), the workbench's <see cref="Training.Adam"/>.</summary>
    Adam,
    /// <summary>RMSprop (Tieleman &amp; Hinton 2012), WGAN's optimiser.</summary>
    Rmsprop,
    /// <summary>Stochastic gradient descent with optional momentum.</summary>
    Sgd,
}
