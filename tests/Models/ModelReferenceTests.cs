using Functional.Models;
using Functional.Models.Data;

namespace Functional.Tests.Models;

/// <summary>
/// Models against scikit-learn 1.2.1 on the real data sets. Every number below is printed by tests/Models/reference.py
/// (run it with /usr/bin/python3 from the repository root), which computes them with
/// Ridge(alpha, solver="cholesky"), LinearRegression, np.linalg.lstsq on the augmented centred system,
/// LinearModelLoss(HalfBinomialLoss / HalfMultinomialLoss).loss_gradient(coef, Z, y, sample_weight = 1/n,
/// l2_reg_strength = λ) — scikit-learn's own objective, mean loss + (λ/2)‖w‖² — and LogisticRegression(C = 1,
/// solver = "newton-cholesky" / multinomial "newton-cg", tol ≤ 1e-10), with Z = StandardScaler().fit_transform(X).
/// Scale mapping (NOTES.md): Ridge alpha = nλ; LogisticRegression C = 1/(nλ).
/// </summary>
public sealed class ModelReferenceTests
{
    private static readonly double[] DiabetesSklearnAlpha1 = [-0.03285239685543264, -22.60704543228008, 5.6404052343656454, 1.11899757004851, -0.9146734842698996, 0.5849098252881866, 0.177885238378821, 6.25044177866158, 63.179080873617636, 0.2877669028997898, -316.0771186042898];
    private static readonly double[] DiabetesLstsqAlpha1 = [-0.03285239685543018, -22.607045432280078, 5.640405234365651, 1.11899757004851, -0.9146734842699029, 0.5849098252881841, 0.17788523837882475, 6.250441778661677, 63.1790808736179, 0.28776690289977847, -316.07711860429004];
    private static readonly double[] DiabetesOls = [-0.03636122422361288, -22.859648090498332, 5.602962091923715, 1.1168079933181847, -1.0899963340632315, 0.7464504555142106, 0.37200471508913857, 6.533831935990342, 68.48312496478835, 0.280116989321499, -334.5671385187866];

    private static readonly double[] BreastGradient = [0.3703998706540593, 0.2155814576863623, 0.37620985496682935, 0.35996902010082915, 0.16622293587153703, 0.2924704004777748, 0.34634295489646544, 0.387195013392918, 0.15744756655005498, -0.019263027949710968, 0.2846255159459929, -0.005286766698663532, 0.2794915295464221, 0.2777865969359501, -0.035714050179106026, 0.14294397234982523, 0.12236966759592008, 0.1985648279783674, -0.007772691391066253, 0.033580346308684526, 0.3916139223780299, 0.2326600764497033, 0.3945040461904566, 0.37041901173302255, 0.1994576142549508, 0.29064294771908483, 0.3264914438121075, 0.3934113117956217, 0.19901688598673362, 0.15161576705509588, -0.10250106503426018];
    private static readonly double[] BreastOptimum = [-0.3630925319179319, -0.3876754424187576, -0.35106211867967385, -0.4356098032859762, -0.1618311028152454, 0.5626540336981024, -0.859917119592401, -0.9622802234881759, 0.07620903147902831, 0.3222262369486115, -1.2909422896744196, 0.2689219013878878, -0.6599745965624588, -1.012557732180283, -0.27721295890401526, 0.7363240127967533, 0.11053932078140985, -0.3334076188831646, 0.29579302590318496, 0.6809196730583754, -1.029262261647953, -1.3146076344464532, -0.8233473825766973, -1.010706832113417, -0.6706819627765851, 0.044564251787421114, -0.8733339165222493, -0.9120031219319646, -0.8878373243070143, -0.47981890804316046, 0.21450271740174906];

    private static readonly double[] IrisGradientWeights = [0.3175463375193863, -0.2753492420368279, 0.4070866991142289, 0.3895314783358515, -0.012548941537077425, 0.24708198730493613, -0.08070823720940534, -0.04163969761554597, -0.30505550649601115, 0.028070556012575975, -0.3265329049343362, -0.34786197385093204];
    private static readonly double[] IrisGradientIntercepts = [-0.06400664006504661, -0.004051972667439226, 0.06805861273248602];
    private static readonly double[] IrisOptimumWeights = [-1.074066154758183, 1.160115116854126, -1.93069185969424, -1.811556124343601, 0.5878102406053961, -0.361840627012386, -0.36343102409296624, -0.8262695757259544, 0.48625591415278663, -0.7982744898417399, 2.294122883787208, 2.6378257000695546];
    private static readonly double[] IrisOptimumIntercepts = [-0.205241132699716, 2.0748397833558254, -1.8695986506560838];

    [Fact]
    public void Ridge_on_diabetes_equals_scikit_learn_and_the_SVD_solution()
    {
        var data = DataFiles.Load("diabetes");
        var lambda = 1.0 / data.Rows; // scikit-learn alpha = nλ = 1
        var theta = LinearRegression.Ridge(data, lambda);
        AssertClose(DiabetesLstsqAlpha1, theta, 1e-10, "ridge vs lstsq");
        AssertClose(DiabetesSklearnAlpha1, theta, 1e-9, "ridge vs sklearn Ridge");
    }

    [Fact]
    public void Least_squares_on_diabetes_equals_scikit_learn()
    {
        var theta = LinearRegression.LeastSquares(DataFiles.Load("diabetes"));
        AssertClose(DiabetesOls, theta, 1e-10, "OLS vs sklearn LinearRegression");
    }

    [Fact]
    public void Ridge_closed_form_is_the_minimiser_of_the_ridge_risk()
    {
        var data = DataFiles.Load("diabetes");
        var lambda = 1.0 / data.Rows;
        var theta = LinearRegression.Ridge(data, lambda);
        var model = new LinearModel(data.Columns);
        var gradient = new double[model.ParameterCount];
        LinearRegression.Risk(model, theta, data.Features, data.Targets, Regularizer.Ridge(lambda), gradient, new ModelWorkspace(data.Rows));
        // the gradient of R at the closed form vanishes up to rounding of terms of size |x|·|r| ≈ 300·60
        Assert.All(gradient, g => Assert.True(Math.Abs(g) < 1e-8, $"∂R = {g}"));
    }

    [Fact]
    public void Logistic_risk_and_gradient_on_breast_cancer_equal_scikit_learns_objective()
    {
        var (data, model) = Breast();
        var theta = Enumerable.Range(0, data.Columns).Select(j => 0.05 * Math.Sin(j + 1)).Append(0.1).ToArray();
        var gradient = new double[model.ParameterCount];
        var risk = LogisticRegression.Risk(model, theta, data.Features, data.Targets, Regularizer.Ridge(1.0 / data.Rows), gradient, new ModelWorkspace(data.Rows));
        Assert.Equal(0.7068672643812534, risk, 1e-12 * 0.7068672643812534);
        AssertClose(BreastGradient, gradient, 1e-12, "gradient");
    }

    [Fact]
    public void Newton_reaches_scikit_learns_logistic_optimum_on_breast_cancer()
    {
        var (data, _) = Breast();
        var fit = LogisticRegression.FitNewton(data, Regularizer.Ridge(1.0 / data.Rows));
        Assert.True(fit.Converged, $"gradient {fit.GradientNorm} after {fit.Iterations} steps");
        Assert.True(Math.Abs(fit.Risk - 0.06636018622473809) <= 1e-9 * 0.06636018622473809, $"risk {fit.Risk:R}");
        AssertAbsolute(BreastOptimum, fit.Parameters.Span, 1e-6, "coefficients");
        Assert.True(fit.Iterations <= 15, $"{fit.Iterations} Newton steps");
    }

    [Fact]
    public void Softmax_risk_and_gradient_on_iris_equal_scikit_learns_objective()
    {
        var (data, model) = Iris();
        var theta = new double[model.ParameterCount];
        for (var k = 0; k < 3; k++)
        {
            for (var j = 0; j < 4; j++)
            {
                theta[(k * 4) + j] = 0.1 * Math.Cos((k * 4) + j + 1);
            }

            theta[12 + k] = 0.2 * (k - 1);
        }

        var gradient = new double[model.ParameterCount];
        var risk = model.Risk(theta, data.Features, data.Labels(3), Regularizer.Ridge(1.0 / data.Rows), gradient, new ModelWorkspace(data.Rows, 3));
        Assert.Equal(1.0826302098599832, risk, 1e-12 * 1.0826302098599832);
        AssertClose(IrisGradientWeights.Concat(IrisGradientIntercepts).ToArray(), gradient, 1e-12, "gradient");
    }

    [Fact]
    public void Newton_reaches_scikit_learns_softmax_optimum_on_iris()
    {
        var (data, _) = Iris();
        var fit = SoftmaxRegression.FitNewton(data, 3, Regularizer.Ridge(1.0 / data.Rows));
        Assert.True(fit.Converged, $"gradient {fit.GradientNorm} after {fit.Iterations} steps");
        Assert.True(Math.Abs(fit.Risk - 0.20919178840530983) <= 1e-9 * 0.20919178840530983, $"risk {fit.Risk:R}");
        AssertAbsolute(IrisOptimumWeights.Concat(IrisOptimumIntercepts).ToArray(), fit.Parameters.Span, 1e-6, "coefficients");
    }

    private static (Dataset Data, LinearModel Model) Breast()
    {
        var raw = DataFiles.Load("breast_cancer");
        return (Standardizer.Fit(raw).Apply(raw), new LinearModel(raw.Columns));
    }

    private static (Dataset Data, SoftmaxModel Model) Iris()
    {
        var raw = DataFiles.Load("iris");
        return (Standardizer.Fit(raw).Apply(raw), new SoftmaxModel(raw.Columns, 3));
    }

    /// <summary>|a − e| ≤ tolerance · max(|e|, the largest |e_j|·1e-3): relative, with a floor for entries near 0.</summary>
    internal static void AssertClose(IReadOnlyList<double> expected, ReadOnlySpan<double> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Count, actual.Length);
        var scale = expected.Max(Math.Abs) * 1e-3;
        for (var j = 0; j < expected.Count; j++)
        {
            var bound = tolerance * Math.Max(Math.Abs(expected[j]), scale);
            Assert.True(Math.Abs(actual[j] - expected[j]) <= bound, $"{what}[{j}]: {actual[j]:R} vs {expected[j]:R} (bound {bound:E2})");
        }
    }

    internal static void AssertAbsolute(IReadOnlyList<double> expected, ReadOnlySpan<double> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Count, actual.Length);
        for (var j = 0; j < expected.Count; j++)
        {
            Assert.True(Math.Abs(actual[j] - expected[j]) <= tolerance, $"{what}[{j}]: {actual[j]:R} vs {expected[j]:R}");
        }
    }
}
