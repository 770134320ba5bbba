using GanWorkbench.Models;
using YamlDotNet.RepresentationModel;

namespace GanWorkbench.Experiments;

/// <summary>
/// Reads a run's config.yaml written before model families had their own options: one flat
/// <c>model:</c> section listing every family's fields, a top-level <c>vae:</c> section, and InfoGAN's
/// weights under <c>loss:</c>. It becomes today's form — the family's own fields under <c>model:</c>
/// (the VAE's and InfoGAN's moved there, BEGAN's <c>began_generator</c> / <c>began_discriminator</c> as
/// <c>generator</c> / <c>discriminator</c>), the fields other families read dropped, as they were
/// ignored — so such runs resume, bit for bit, and report as before.
/// </summary>
internal static class LegacyConfig
{
    static readonly Dictionary<string, string> Renamed = new() { ["began_generator"] = "generator", ["began_discriminator"] = "discriminator" };
    static readonly string[] InfoWeights = ["info_weight", "info_continuous_weight"];

    /// <summary>True for a config of the old form (it has a top-level <c>vae:</c> section).</summary>
    public static bool IsLegacy(YamlMappingNode root) => YamlTree.Child(root, "vae") is not null;

    /// <summary>The config in today's form; a config that is not legacy is returned as it is.</summary>
    public static YamlMappingNode Upgrade(YamlMappingNode root)
    {
        if (!IsLegacy(root) || YamlTree.Child(root, "model") is not YamlMappingNode model) return root;
        string name = YamlTree.Child(model, "name") is YamlScalarNode { Value: { } n } ? n : new DcganOptions().Name;
        if (ModelFamilies.Find(name) is not { } family) return YamlTree.Without(root, "vae");
        var fields = YamlBinder.FieldNames(family.DefaultOptions().GetType());
        var upgraded = new YamlMappingNode();
        void Add(string key, YamlNode value)
        {
            if (fields.Contains(key)) upgraded.Children[YamlTree.WithOrigin(new YamlScalarNode(key), YamlTree.Origin(value))] = value;
        }
        foreach (var (k, v) in model.Children) Add(Renamed.GetValueOrDefault(YamlTree.Key(k), YamlTree.Key(k)), v);
        if (YamlTree.Child(root, "vae") is YamlMappingNode vae)
            foreach (var (k, v) in vae.Children) Add(YamlTree.Key(k), v);
        var loss = YamlTree.Child(root, "loss") as YamlMappingNode;
        if (loss is not null)
            foreach (var key in InfoWeights)
                if (YamlTree.Child(loss, key) is { } weight) Add(key, weight);

        var result = new YamlMappingNode();
        foreach (var (k, v) in root.Children)
        {
            string key = YamlTree.Key(k);
            if (key == "vae") continue;
            result.Children[k] = key switch
            {
                "model" => upgraded,
                "loss" when loss is not null => YamlTree.Without(loss, InfoWeights),
                _ => v,
            };
        }
        return result;
    }
}
