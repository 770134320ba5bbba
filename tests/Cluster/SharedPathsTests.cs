using GanWorkbench.Experiments;

namespace GanWorkbench.Tests.Cluster;

/// <summary>Folders the compute nodes cannot see (node-local temporary folders, tmpfs) are refused before submitting.</summary>
public class SharedPathsTests
{
    [Fact]
    public void A_study_folder_under_tmp_is_refused_naming_what_to_check()
    {
        var e = Assert.Throws<InputException>(() => SharedPaths.Require("the study folder", "/tmp/runs/sweeps/zoo", "Set GWB_RUNS to a shared folder."));
        Assert.Equal("the study folder /tmp/runs/sweeps/zoo is under /tmp, which is local to this machine: the compute nodes cannot see it. " +
                     "Set GWB_RUNS to a shared folder. Check with `srun ls /tmp/runs/sweeps/zoo` that a node sees the folder. Nothing was submitted.", e.Message);
    }

    [Fact]
    public void A_folder_on_a_tmpfs_is_refused_and_one_on_a_network_filesystem_passes()
    {
        using var temp = new TempFolder();
        System.IO.File.WriteAllText(temp.File("mounts"), "/dev/vda / ext4 rw 0 0\nserver:/home /home nfs4 rw 0 0\nnone /home/scratch tmpfs rw 0 0\n");
        Assert.Equal("tmpfs", SharedPaths.FileSystemType("/home/scratch/runs", temp.File("mounts")));
        Assert.Equal("nfs4", SharedPaths.FileSystemType("/home/scratchy", temp.File("mounts")));
        var e = Assert.Throws<InputException>(() => SharedPaths.Require("the data folder", "/home/scratch/data", "Set GWB_DATA.", temp.File("mounts")));
        Assert.StartsWith("the data folder /home/scratch/data is on a tmpfs, which is local to this machine:", e.Message);
        SharedPaths.Require("the data folder", "/home/ada/data", "Set GWB_DATA.", temp.File("mounts"));
    }
}
