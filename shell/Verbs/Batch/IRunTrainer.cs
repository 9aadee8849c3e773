using System.Text.Json.Nodes;

namespace Functional.Shell.Verbs.Batch;

/// <summary>
/// What <c>batch</c> needs from training, and nothing more: turn one sweep config into a prepared run, and enumerate that
/// run's epochs from an optional checkpoint. The orchestration (claims, store, resume, progress) is written and tested
/// against this seam with a fake; <see cref="CoreRunTrainer"/> adapts the real trainer.
/// </summary>
internal interface IRunTrainer
{
    /// <summary>Validates and prepares one run's config (loads its data, builds its setup).</summary>
    /// <param name="config">The resolved config of the run.</param>
    /// <param name="source">The sweep file: messages start with it, and relative data paths are relative to it.</param>
    /// <returns>The prepared run.</returns>
    /// <exception cref="ShellInputException">The config is invalid; the message starts with <paramref name="source"/> and names
    /// the JSON path (<c>optimizer.lr = -1: …</c>).</exception>
    IPreparedRun Prepare(JsonObject config, string source);
}

/// <summary>A run ready to train.</summary>
internal interface IPreparedRun
{
    /// <summary>
    /// The epochs of the run: without a checkpoint the initial state (epoch 0) first, then one per epoch until the run
    /// stops; with one, exactly the epochs the uninterrupted run yields after the checkpoint's epoch (nothing if that
    /// epoch was the last). Lazy: each element is computed when the caller asks for it.
    /// </summary>
    /// <param name="checkpointJson">A checkpoint this run wrote, or null to start.</param>
    IEnumerable<RunEpoch> Epochs(string? checkpointJson);

    /// <summary>The epoch a checkpoint holds (to finish a run stopped between recording its last epoch and finishing).</summary>
    /// <param name="checkpointJson">A checkpoint this run wrote.</param>
    RunEpoch Describe(string checkpointJson);
}

/// <summary>One epoch of a run as batch records it.</summary>
/// <param name="Epoch">0 for the initial state, then 1, 2, ….</param>
/// <param name="Metrics">The per-epoch metrics row (name → value, in order), as the store keeps it.</param>
/// <param name="CheckpointJson">The state to resume from after this epoch.</param>
/// <param name="TrainLoss">The training loss (the regularised risk).</param>
/// <param name="ValidationLoss">The validation loss, or null without validation data.</param>
/// <param name="Accuracy">The validation accuracy (the training accuracy without validation data), or null for a regressor.</param>
/// <param name="Stop">Why the run stopped, or null while it goes on.</param>
internal sealed record RunEpoch(
    int Epoch,
    IReadOnlyList<KeyValuePair<string, double>> Metrics,
    string CheckpointJson,
    double TrainLoss,
    double? ValidationLoss,
    double? Accuracy,
    string? Stop)
{
    /// <summary>The loss runs are ranked by: the validation loss, or the training loss without validation data.</summary>
    public double RankingLoss => ValidationLoss ?? TrainLoss;
}
