using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Functional.Shell.Verbs.Batch;

/// <summary>
/// The summary <c>batch</c> stores with a finished run: <c>{"epochs", "stop", "train_loss", "validation_loss", "accuracy",
/// "metrics": {…last epoch…}}</c>, or <c>{"error": "…"}</c> for a failed one. Non-finite numbers are the strings "NaN",
/// "Infinity", "-Infinity" (JSON has no literal for them), as in the store's metrics.
/// </summary>
internal static class RunSummary
{
    /// <summary>The summary of a run whose last epoch is <paramref name="last"/>.</summary>
    public static string Write(RunEpoch last)
    {
        ArgumentNullException.ThrowIfNull(last);
        return Json(writer =>
        {
            writer.WriteNumber("epochs", last.Epoch);
            writer.WriteString("stop", last.Stop);
            Number(writer, "train_loss", last.TrainLoss);
            Number(writer, "validation_loss", last.ValidationLoss);
            Number(writer, "accuracy", last.Accuracy);
            writer.WriteStartObject("metrics");
            foreach (var (name, value) in last.Metrics)
            {
                Number(writer, name, value);
            }

            writer.WriteEndObject();
        });
    }

    /// <summary>The summary of a failed run.</summary>
    public static string Failure(string reason) => Json(writer => writer.WriteString("error", reason));

    /// <summary>Reads the headline numbers of a summary: epochs, train loss, validation loss, accuracy (null where absent).</summary>
    public static (int? Epochs, double? TrainLoss, double? ValidationLoss, double? Accuracy, string? Error) Read(string? summaryJson)
    {
        if (summaryJson is null)
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(summaryJson);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return default;
            }

            int? epochs = root.TryGetProperty("epochs", out var e) && e.TryGetInt32(out var n) ? n : null;
            string? error = root.TryGetProperty("error", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            return (epochs, Value(root, "train_loss"), Value(root, "validation_loss"), Value(root, "accuracy"), error);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static double? Value(JsonElement root, string name)
        => !root.TryGetProperty(name, out var value) ? null
            : value.ValueKind == JsonValueKind.Number ? value.GetDouble()
            : value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
            : null;

    private static void Number(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is not { } v)
        {
            writer.WriteNull(name);
        }
        else if (double.IsFinite(v))
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteString(name, v.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static string Json(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
