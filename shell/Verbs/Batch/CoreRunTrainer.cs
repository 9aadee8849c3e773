using System.Text.Json.Nodes;
using Functional.Shell.Training;
using Functional.Training;

namespace Functional.Shell.Verbs.Batch;

/// <summary>
/// The real trainer behind <see cref="IRunTrainer"/>: a sweep config is a <c>functional train</c> config
/// (<see cref="TrainConfig.Parse"/>), prepared with <see cref="PreparedRun.Prepare"/>; each epoch is recorded with the
/// train verb's metrics row and a <see cref="Checkpoint"/> of its <see cref="EpochState"/> (bit-exact JSON tagged with the
/// config's hash, so a checkpoint never resumes another config).
/// </summary>
internal sealed class CoreRunTrainer : IRunTrainer
{
    public IPreparedRun Prepare(JsonObject config, string source)
    {
        var parsed = TrainConfig.Parse(config, source);
        return new Run(PreparedRun.Prepare(parsed), source);
    }

    private sealed class Run(PreparedRun run, string source) : IPreparedRun
    {
        public IEnumerable<RunEpoch> Epochs(string? checkpointJson)
            => run.Epochs(checkpointJson is null ? null : Read(checkpointJson)).Select(Describe);

        public RunEpoch Describe(string checkpointJson) => Describe(Read(checkpointJson));

        private EpochState Read(string checkpointJson) => Checkpoint.Deserialize(checkpointJson, run.Config.Hash, $"{source}: the store's checkpoint");

        private RunEpoch Describe(EpochState state)
            => new(
                state.Epoch,
                run.Metrics(state),
                Checkpoint.Serialize(state, run.Config.Hash),
                state.TrainRisk,
                state.ValidationRisk,
                state.ValidationAccuracy ?? state.TrainAccuracy,
                state.Stop?.ToString());
    }
}
