using System.Text.Json.Nodes;

namespace Functional.Shell.Verbs.Batch;

/// <summary>The real trainer behind <see cref="IRunTrainer"/> (wired to shell/Training once it lands).</summary>
internal sealed class CoreRunTrainer : IRunTrainer
{
    public IPreparedRun Prepare(JsonObject config)
        => throw new RunConfigException("$", "training is not wired into batch yet.");
}
