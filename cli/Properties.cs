[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("GanWorkbench.Tests")]
