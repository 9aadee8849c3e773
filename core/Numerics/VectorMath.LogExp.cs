using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Functional.Numerics;

// The vector logarithm and exponential of the core (NOTES "Speed, fourth slice"): FMA only, no division, the same bits
// at every JIT tier and on every core of a machine. Both use 16-entry tables, read by one two-register permute on
// AVX-512 and by a gather on 256-bit lanes. Tables and polynomial coefficients were generated in exact arithmetic
// (Python's decimal and fractions; Chebyshev-economised series): see NOTES for the recipe. Beside them, log1p on [0, 1]
// for BCE with logits (512-bit only; NOTES "Speed, eighth slice": mpmath, Chebyshev interpolation).
internal static partial class VectorMath
{
    // ln x = k·ln 2 + ln c + log1p(r): x = 2^k·z with z in [0.6771, 1.3542) (the exponent split is offset so z = 1 sits
    // inside interval 9, whose centre is exactly 1), c = 1/invc the centre of z's sixteenth, r = z·invc − 1 (one FMA,
    // |r| < 0.0298). ln c is split as high + low with high a multiple of 2^-43, so k·ln2_hi + high is exact (ln2_hi has
    // 42 bits, |k| ≤ 1075) and the sum with r is an exact Fast2Sum.
    private const long LogOffset = 0x3FE6555600000000;
    private const double Ln2High = 0.6931471805598903;
    private const double Ln2Low = 5.497923018708371e-14;

    // (log1p(r) − r)/r² on |r| ≤ 0.0298, degree 7, Chebyshev-economised (error 5e-16 relative, 1e-20 after the r²).
    private const double L0 = -0.4999999999999995, L1 = 0.3333333333333313, L2 = -0.2500000000175354, L3 = 0.2000000000298947;
    private const double L4 = -0.16666656795286158, L5 = 0.1428570216910364, L6 = -0.12517779300375648, L7 = 0.11129296439341421;

    // e^x = 2^(n/16)·e^r: n = round(16x/ln 2), r = x − n·ln2/16 (two FMAs, |r| ≤ ln2/32), 2^(j/16) from the table as
    // high bits (exponent pre-adjusted so adding n << 48 scales by 2^(n >> 4)) and a relative low part.
    private const double InvLn2x16 = 23.083120654223414;
    private const double Ln2By16High = 0.04332169878499658;
    private const double Ln2By16Low = 1.4494042586539372e-18;
    private const double RoundingShift = 6755399441055744.0; // 1.5·2^52: adding it rounds to an integer held in the low bits

    // (e^r − 1 − r)/r² on |r| ≤ ln2/32, degree 5, Chebyshev-economised (error 8e-17 relative, 4e-20 after the r²).
    private const double E0 = 0.5000000000000001, E1 = 0.16666666666666669, E2 = 0.04166666666359028;
    private const double E3 = 0.008333333332801613, E4 = 0.0013889063588203815, E5 = 0.00019841496303209195;

    // 2^1020 and 2^-1020, exactly (literals: Math.ScaleB is a call the JIT does not fold).
    private const double TwoToThe1020 = 1.1235582092889474e+307;
    private const double TwoToTheMinus1020 = 8.900295434028806e-308;

    // Inside these bounds e^x needs no special scaling: 2^(n >> 4) stays a normal number.
    private const double ExpFastBound = 708.0;

    private static ReadOnlySpan<double> LogInverseCentre =>
    [
        1.401459229647569, 1.3426567695855545, 1.288590076179217, 1.238709189646394,
        1.1925461317562764, 1.1497001786099998, 1.1098261980438415, 1.072625332581817,
        1.0378374954347367, 1.0, 0.9504944751130812, 0.8971957499020301,
        0.8495570632491318, 0.8067222753073939, 0.7679996250001832, 0.7328240860455527,
    ];

    private static ReadOnlySpan<double> LogCentreHigh =>
    [
        -0.3375140006876336, -0.29465031494873983, -0.2535486564504481, -0.21406986133342798,
        -0.1760906279430401, -0.13950119413107132, -0.10420342472571065, -0.07010922520851182,
        -0.037139217029789506, 0.0, 0.050772929681670576, 0.10848121341598471,
        0.16304016737854, 0.2147758145440548, 0.26396603411558317, 0.3108495976504173,
    ];

    private static ReadOnlySpan<double> LogCentreLow =>
    [
        -3.290455560927372e-14, 4.889941517534349e-14, -3.6972839596288263e-14, 1.7106685852321265e-14,
        -9.095917263022154e-16, -4.445297806247135e-14, 1.723863400965804e-14, -4.633032978971814e-14,
        4.1952871760019805e-14, 0.0, 4.7759764857204584e-14, -5.6473441001917415e-14,
        -5.5376908816020365e-14, -2.0525566566731986e-14, 1.2447283761386384e-14, 1.2728880023405881e-14,
    ];

    // log1p(e) for e ∈ [0, 1] (the softplus of a non-positive number, e = e^−|x|): j = round(15e), invc ≈ 1/(1 + j/15),
    // r = (1 + e)·invc − 1 = fma(e, invc, invc − 1) with one rounding (invc − 1 is exact, invc being in [½, 1]), |r| ≤ 1/30,
    // and log1p(e) = −ln(invc) + log1p(r). Each invc was moved up to 1e9 ulps from 1/(1 + j/15) (r's bound moves by
    // 1e-7 at most) to where −ln(invc) is a double within 4e-4 ulp, so no low part is needed. The first entry is 1
    // exactly, so for e ≤ 1/30 r is e itself and the tail e → 0 is exact to the last bit (NOTES, eighth slice).
    private static ReadOnlySpan<double> UnitLog1PInverseCentre =>
    [
        1.0, 0.9374999549127323, 0.8823529770263742, 0.8333333705739403,
        0.7894736309409301, 0.7500000355147396, 0.7142857223659322, 0.6818182584824678,
        0.6521739579754876, 0.6249999394932576, 0.6000001056669533, 0.5769231775584719,
        0.5555555641180784, 0.5357142506072579, 0.5172414334786102, 0.5000000525734644,
    ];

    private static ReadOnlySpan<double> UnitLog1PMinusLogInverseCentre =>
    [
        0.0, 0.06453856923065787, 0.12516310232411612, 0.18232151210522726,
        0.23638884553905448, 0.2876820250987959, 0.33647222530890786, 0.38299213981515934,
        0.42744394593119434, 0.47000372605652807, 0.5108254476544174, 0.5500461624846026,
        0.587786649489578, 0.6241543746061147, 0.6592455241589564, 0.6931470754130221,
    ];

    // (log1p(r) − r)/r² on |r| ≤ 1/30, degree 8: Chebyshev interpolation in mpmath (50 digits, 400 near r = 0), the
    // coefficients rounded to doubles (error 4e-17 relative).
    private const double U0 = -0.5, U1 = 0.33333333333332843, U2 = -0.24999999999999553, U3 = 0.20000000005857463;
    private const double U4 = -0.16666666672036148, U5 = 0.1428569531115486, U6 = -0.124999826062348, U7 = 0.11133870474173527;
    private const double U8 = -0.10020863131850676;

    private static ReadOnlySpan<long> ExpTableBits =>
    [
        0x3FF0000000000000, 0x3FEFB5586CF9890F, 0x3FEF72B83C7D517B, 0x3FEF387A6E756238,
        0x3FEF06FE0A31B715, 0x3FEEDEA64C123422, 0x3FEEBFDAD5362A27, 0x3FEEAB07DD485429,
        0x3FEEA09E667F3BCD, 0x3FEEA11473EB0187, 0x3FEEACE5422AA0DB, 0x3FEEC49182A3F090,
        0x3FEEE89F995AD3AD, 0x3FEF199BDD85529C, 0x3FEF5818DCFBA487, 0x3FEFA4AFA2A490DA,
    ];

    private static ReadOnlySpan<double> ExpTableRelativeLow =>
    [
        0.0, 8.189317638195515e-17, -2.7939114859515733e-17, 7.826573258636076e-17,
        3.3484623336251524e-17, 3.750854201303127e-17, 1.9572585293112036e-17, 5.68648095791174e-17,
        -6.835808657661922e-17, -2.3591094770850053e-17, 5.1548301170786783e-17, 1.5341410053603723e-17,
        4.875160526227062e-17, 1.685487290628973e-17, 1.790126907604513e-17, -5.545065618639427e-17,
    ];

    /// <summary>ln x lane-wise, within 1 ulp of <see cref="Math.Log(double)"/>: the one 256-bit vector logarithm every kernel uses.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> Log(Vector256<double> x)
    {
        var bits = x.AsInt64();
        // Positive normal finite x is the one fast case; 0, subnormals, negatives, ∞ and NaN all land outside this range.
        var special = Vector256.GreaterThanOrEqual((bits - Vector256.Create(0x0010000000000000L)).AsUInt64(), Vector256.Create(0x7FE0000000000000UL));
        return special == Vector256<ulong>.Zero ? LogCore(bits, Vector256<long>.Zero) : LogSpecial(x);
    }

    /// <summary>ln x lane-wise on 512-bit lanes; the same formula and tables as the 256-bit form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> Log(Vector512<double> x)
    {
        var bits = x.AsInt64();
        var special = Vector512.GreaterThanOrEqual((bits - Vector512.Create(0x0010000000000000L)).AsUInt64(), Vector512.Create(0x7FE0000000000000UL));
        return special == Vector512<ulong>.Zero ? LogCore(bits, Vector512<long>.Zero) : LogSpecial(x);
    }

    /// <summary>ln x on 512-bit lanes, bit for bit <see cref="Log(Vector512{double})"/>, or false (and no call) when some lane is not a positive normal number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryLog(Vector512<double> x, out Vector512<double> y)
    {
        var bits = x.AsInt64();
        if (Vector512.GreaterThanOrEqualAny((bits - Vector512.Create(0x0010000000000000L)).AsUInt64(), Vector512.Create(0x7FE0000000000000UL)))
        {
            y = default;
            return false;
        }

        y = LogCore(bits, Vector512<long>.Zero);
        return true;
    }

    /// <summary>
    /// log1p(e) lane-wise on 512-bit lanes for 0 ≤ e ≤ 1 (the range of e^−|x|), within an ulp: a sixteen-entry table
    /// and a degree-8 polynomial, no exponent to take apart, no special values and no division. Exact in the tail: for
    /// e ≤ 1/30 the reduced argument is e itself. NaN stays NaN; other lanes outside [0, 1] get a meaningless value.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> Log1POfUnitInterval(Vector512<double> e, out Vector512<double> inverseCentre)
    {
        // j = round(15e), held in the low bits of the shifted sum
        var index = Vector512.FusedMultiplyAdd(e, Vector512.Create(15.0), Vector512.Create(RoundingShift)).AsInt64() & Vector512.Create(15L);
        var invc = Lookup(UnitLog1PInverseCentre, index);
        var high = Lookup(UnitLog1PMinusLogInverseCentre, index);
        var r = Vector512.FusedMultiplyAdd(e, invc, invc - Vector512<double>.One);
        inverseCentre = invc;

        // high + r with its rounding error (|high| ≥ |r| or high = 0: a Fast2Sum); the polynomial in Estrin's order, as the
        // logarithm's (Horner's, one operation fewer, measured no faster in the BCE loop)
        var sum = high + r;
        var lo = (high - sum) + r;
        var r2 = r * r;
        var r4 = r2 * r2;
        var p01 = Vector512.FusedMultiplyAdd(r, Vector512.Create(U1), Vector512.Create(U0));
        var p23 = Vector512.FusedMultiplyAdd(r, Vector512.Create(U3), Vector512.Create(U2));
        var p45 = Vector512.FusedMultiplyAdd(r, Vector512.Create(U5), Vector512.Create(U4));
        var p67 = Vector512.FusedMultiplyAdd(r, Vector512.Create(U7), Vector512.Create(U6));
        var q0 = Vector512.FusedMultiplyAdd(r2, p23, p01);
        var q1 = Vector512.FusedMultiplyAdd(r2, p67, p45);
        var q2 = Vector512.FusedMultiplyAdd(r4, Vector512.Create(U8), q1);
        var g = Vector512.FusedMultiplyAdd(r4, q2, q0);
        return Vector512.FusedMultiplyAdd(r2, g, lo) + sum;
    }

    /// <summary>e^x lane-wise, within 1 ulp of <see cref="Math.Exp(double)"/>: the one 256-bit vector exponential every kernel uses.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> Exp(Vector256<double> x)
    {
        // NaN fails the comparison, so it takes the special path too.
        var fast = Vector256.LessThanOrEqual(Vector256.Abs(x), Vector256.Create(ExpFastBound));
        return fast.AsUInt64() == Vector256<ulong>.AllBitsSet ? ExpCore(x, Vector256<long>.Zero, Vector256<double>.One) : ExpSpecial(x);
    }

    /// <summary>e^x lane-wise on 512-bit lanes; the same formula and tables as the 256-bit form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> Exp(Vector512<double> x)
    {
        var fast = Vector512.LessThanOrEqual(Vector512.Abs(x), Vector512.Create(ExpFastBound));
        return fast.AsUInt64() == Vector512<ulong>.AllBitsSet ? ExpCore(x, Vector512<long>.Zero, Vector512<double>.One) : ExpSpecial(x);
    }

    /// <summary>
    /// e^x on 512-bit lanes whose x is ≤ 0 or NaN (e^−|y|, say), bit for bit <see cref="Exp(Vector512{double})"/>: one
    /// comparison, x ≥ −708, decides the fast path (NaN fails it and takes the special one). A positive x beyond 708 would
    /// wrongly take the fast path; callers guarantee the sign.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> ExpOfNonPositive(Vector512<double> x)
    {
        var fast = Vector512.GreaterThanOrEqual(x, Vector512.Create(-ExpFastBound));
        return fast.AsUInt64() == Vector512<ulong>.AllBitsSet ? ExpCore(x, Vector512<long>.Zero, Vector512<double>.One) : ExpSpecial(x);
    }

    /// <summary>1/x from the hardware's 14-bit estimate and two Newton steps (FMA), where AVX-512 has it; a division otherwise.</summary>
    /// <remarks>Within an ulp of the correctly rounded quotient for normal x whose reciprocal is normal; callers send other lanes elsewhere.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> Reciprocal(Vector512<double> x)
    {
        if (!Avx512F.IsSupported)
        {
            return Vector512<double>.One / x;
        }

        var y = Avx512F.Reciprocal14(x);
        var one = Vector512<double>.One;
        var e = Vector512.FusedMultiplyAdd(-x, y, one);
        y = Vector512.FusedMultiplyAdd(y, e, y);
        e = Vector512.FusedMultiplyAdd(-x, y, one);
        e = Vector512.FusedMultiplyAdd(e, e, e);
        return Vector512.FusedMultiplyAdd(y, e, y);
    }

    /// <summary>
    /// The generalised-KL term p·ln(p/q) − (p − q) ≥ 0 on 512-bit lanes whose q are at least 2^-1000 (0 where p = q,
    /// q where p = 0), with the logarithm of <see cref="Log(Vector512{double})"/> opened up; false when some lane's
    /// ratio p/q is not a positive normal number (the caller then takes its exact-division form).
    /// </summary>
    /// <remarks>
    /// ln(p/q) = k·ln 2 + ln c + log1p(r) as in the logarithm, but r is taken from p and q, not from the rounded ratio:
    /// r = (p·2^-k/c − q)/q with the numerator one FMA (2^-k/c exact), so ln(p/q) carries no ulp of the ratio's rounding.
    /// Where the ratio falls in the table's central interval (k = 0, c = 1, |x| &lt; 0.021) r is x = (p − q)/q itself, and
    /// the term is q·x²·(1 + (1 + x)·g(x)) with g = (log1p(x) − x)/x² the polynomial the logarithm evaluates anyway: no
    /// cancellation and no separate series. Outside it the direct p·ln(p/q) − (p − q) loses at most a factor ~2/|x| ≤ 96
    /// to cancellation of a logarithm accurate to a few ulps (NOTES "Speed, fifth slice").
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryRelativeEntropyTerm(Vector512<double> p, Vector512<double> q, out Vector512<double> term)
    {
        // A division, not the refined reciprocal: on AMD's 512-bit divider it is cheaper than rcp14 and two Newton steps.
        var one = Vector512<double>.One;
        var reciprocal = one / q;
        var d = p - q;
        var zero = Vector512.Equals(p, Vector512<double>.Zero);
        // p = 0 lanes take ratio 1 (so they do not leave the fast path) and q at the end.
        var bits = Vector512.ConditionalSelect(zero, one, p * reciprocal).AsInt64();
        var special = Vector512.GreaterThanOrEqual((bits - Vector512.Create(0x0010000000000000L)).AsUInt64(), Vector512.Create(0x7FE0000000000000UL));
        if (special != Vector512<ulong>.Zero)
        {
            term = default;
            return false;
        }

        var tmp = bits - Vector512.Create(LogOffset);
        var top = Vector512.ShiftRightLogical(tmp, 48);
        var index = top & Vector512.Create(15L);
        var central = Vector512.Equals(top, Vector512.Create(9L)).AsDouble();
        var k = Vector512.ShiftRightArithmetic(tmp, 52);
        var kd = (k + Vector512.Create(0x4338000000000000L)).AsDouble() - Vector512.Create(RoundingShift);
        var invc = Lookup(LogInverseCentre, index);
        var high = Lookup(LogCentreHigh, index);
        var low = Lookup(LogCentreLow, index);

        // 2^-k/c stays normal: the ratio is normal and at most 2^1000 (p ≤ 1, q ≥ 2^-1000).
        var scale = (invc.AsInt64() - Vector512.ShiftLeft(k, 52)).AsDouble();
        var r = Vector512.FusedMultiplyAdd(p, scale, -q) * reciprocal;
        var log = LogTail(r, kd, high, low, out var r2, out var g);
        var direct = Vector512.FusedMultiplyAdd(p, log, -d);
        var near = q * r2 * Vector512.FusedMultiplyAdd(one + r, g, one);
        term = Vector512.ConditionalSelect(zero, q, Vector512.ConditionalSelect(central, near, direct));
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> LogCore(Vector256<long> bits, Vector256<long> extraExponent)
    {
        var tmp = bits - Vector256.Create(LogOffset);
        var index = Vector256.ShiftRightLogical(tmp, 48) & Vector256.Create(15L);
        var k = Vector256.ShiftRightArithmetic(tmp, 52);
        var z = (bits - (tmp & Vector256.Create(unchecked((long)0xFFF0000000000000UL)))).AsDouble();
        var kd = (k + extraExponent + Vector256.Create(0x4338000000000000L)).AsDouble() - Vector256.Create(RoundingShift);
        var invc = Lookup(LogInverseCentre, index);
        var high = Lookup(LogCentreHigh, index);
        var low = Lookup(LogCentreLow, index);

        var r = Vector256.FusedMultiplyAdd(z, invc, Vector256.Create(-1.0));
        var t1 = Vector256.FusedMultiplyAdd(kd, Vector256.Create(Ln2High), high);
        var t2 = t1 + r;
        var lo = ((t1 - t2) + r) + Vector256.FusedMultiplyAdd(kd, Vector256.Create(Ln2Low), low);
        var r2 = r * r;
        var r4 = r2 * r2;
        var p01 = Vector256.FusedMultiplyAdd(r, Vector256.Create(L1), Vector256.Create(L0));
        var p23 = Vector256.FusedMultiplyAdd(r, Vector256.Create(L3), Vector256.Create(L2));
        var p45 = Vector256.FusedMultiplyAdd(r, Vector256.Create(L5), Vector256.Create(L4));
        var p67 = Vector256.FusedMultiplyAdd(r, Vector256.Create(L7), Vector256.Create(L6));
        var q0 = Vector256.FusedMultiplyAdd(r2, p23, p01);
        var q1 = Vector256.FusedMultiplyAdd(r2, p67, p45);
        var g = Vector256.FusedMultiplyAdd(r4, q1, q0);
        return Vector256.FusedMultiplyAdd(r2, g, lo) + t2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> LogCore(Vector512<long> bits, Vector512<long> extraExponent)
    {
        var tmp = bits - Vector512.Create(LogOffset);
        var index = Vector512.ShiftRightLogical(tmp, 48) & Vector512.Create(15L);
        var k = Vector512.ShiftRightArithmetic(tmp, 52);
        var z = (bits - (tmp & Vector512.Create(unchecked((long)0xFFF0000000000000UL)))).AsDouble();
        var kd = (k + extraExponent + Vector512.Create(0x4338000000000000L)).AsDouble() - Vector512.Create(RoundingShift);
        var invc = Lookup(LogInverseCentre, index);
        var high = Lookup(LogCentreHigh, index);
        var low = Lookup(LogCentreLow, index);

        var r = Vector512.FusedMultiplyAdd(z, invc, Vector512.Create(-1.0));
        return LogTail(r, kd, high, low, out _, out _);
    }

    /// <summary>
    /// ln x = k·ln 2 + ln c + log1p(r) from the reduced argument r, k (as a double) and the table's ln c (high and low
    /// parts): the two-part sum t1 + r with its rounding error, and log1p(r) − r = r²·g(r) by the degree-7 polynomial in
    /// Estrin's order. r² and g are handed back for the relative-entropy term, whose central interval reuses them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> LogTail(
        Vector512<double> r, Vector512<double> kd, Vector512<double> high, Vector512<double> low, out Vector512<double> r2, out Vector512<double> g)
    {
        var t1 = Vector512.FusedMultiplyAdd(kd, Vector512.Create(Ln2High), high);
        var t2 = t1 + r;
        var lo = ((t1 - t2) + r) + Vector512.FusedMultiplyAdd(kd, Vector512.Create(Ln2Low), low);
        r2 = r * r;
        var r4 = r2 * r2;
        var p01 = Vector512.FusedMultiplyAdd(r, Vector512.Create(L1), Vector512.Create(L0));
        var p23 = Vector512.FusedMultiplyAdd(r, Vector512.Create(L3), Vector512.Create(L2));
        var p45 = Vector512.FusedMultiplyAdd(r, Vector512.Create(L5), Vector512.Create(L4));
        var p67 = Vector512.FusedMultiplyAdd(r, Vector512.Create(L7), Vector512.Create(L6));
        var q0 = Vector512.FusedMultiplyAdd(r2, p23, p01);
        var q1 = Vector512.FusedMultiplyAdd(r2, p67, p45);
        g = Vector512.FusedMultiplyAdd(r4, q1, q0);
        return Vector512.FusedMultiplyAdd(r2, g, lo) + t2;
    }

    // Subnormals are scaled by 2^52 (exact) and the exponent corrected; 0 → −∞, negative or NaN → NaN, +∞ → +∞.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<double> LogSpecial(Vector256<double> x)
    {
        var subnormal = Vector256.GreaterThan(x, Vector256<double>.Zero) & Vector256.LessThan(x, Vector256.Create(2.2250738585072014E-308));
        var scaled = Vector256.ConditionalSelect(subnormal, x * Vector256.Create(4503599627370496.0), x);
        var extra = subnormal.AsInt64() & Vector256.Create(-52L);
        var y = LogCore(scaled.AsInt64(), extra);
        y = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256<double>.Zero), Vector256.Create(double.NegativeInfinity), y);
        y = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256.Create(double.PositiveInfinity)), x, y);
        return Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<double>.Zero) | ~Vector256.Equals(x, x), Vector256.Create(double.NaN), y);
    }

    // The 512-bit special paths are written out at their width and inlined: a call in a 512-bit loop made the JIT keep
    // the loop's vectors on the stack, and the two 256-bit halves inlined instead made log-sum-exp 1.29x slower (NOTES,
    // seventh slice). The 256-bit ones stay calls (their 256-bit callers were not slowed by them).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> LogSpecial(Vector512<double> x)
    {
        var subnormal = Vector512.GreaterThan(x, Vector512<double>.Zero) & Vector512.LessThan(x, Vector512.Create(2.2250738585072014E-308));
        var scaled = Vector512.ConditionalSelect(subnormal, x * Vector512.Create(4503599627370496.0), x);
        var extra = subnormal.AsInt64() & Vector512.Create(-52L);
        var y = LogCore(scaled.AsInt64(), extra);
        y = Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<double>.Zero), Vector512.Create(double.NegativeInfinity), y);
        y = Vector512.ConditionalSelect(Vector512.Equals(x, Vector512.Create(double.PositiveInfinity)), x, y);
        return Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<double>.Zero) | ~Vector512.Equals(x, x), Vector512.Create(double.NaN), y);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ExpCore(Vector256<double> x, Vector256<long> exponentBias, Vector256<double> factor)
    {
        var shifted = Vector256.FusedMultiplyAdd(x, Vector256.Create(InvLn2x16), Vector256.Create(RoundingShift));
        var n = shifted - Vector256.Create(RoundingShift);
        var ki = shifted.AsInt64();
        var r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2By16High), x);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2By16Low), r);
        var index = ki & Vector256.Create(15L);
        var scale = (Lookup(ExpTableBits, index) + Vector256.ShiftLeft(ki, 48) + exponentBias).AsDouble();
        var relativeLow = Lookup(ExpTableRelativeLow, index);
        var r2 = r * r;
        var r4 = r2 * r2;
        var p01 = Vector256.FusedMultiplyAdd(r, Vector256.Create(E1), Vector256.Create(E0));
        var p23 = Vector256.FusedMultiplyAdd(r, Vector256.Create(E3), Vector256.Create(E2));
        var p45 = Vector256.FusedMultiplyAdd(r, Vector256.Create(E5), Vector256.Create(E4));
        var g = Vector256.FusedMultiplyAdd(r4, p45, Vector256.FusedMultiplyAdd(r2, p23, p01));
        var expm1 = Vector256.FusedMultiplyAdd(r2, g, r) + relativeLow;
        return Vector256.FusedMultiplyAdd(scale, expm1, scale) * factor;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ExpCore(Vector512<double> x, Vector512<long> exponentBias, Vector512<double> factor)
    {
        var shifted = Vector512.FusedMultiplyAdd(x, Vector512.Create(InvLn2x16), Vector512.Create(RoundingShift));
        var n = shifted - Vector512.Create(RoundingShift);
        var ki = shifted.AsInt64();
        var r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2By16High), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2By16Low), r);
        var index = ki & Vector512.Create(15L);
        var scale = (Lookup(ExpTableBits, index) + Vector512.ShiftLeft(ki, 48) + exponentBias).AsDouble();
        var relativeLow = Lookup(ExpTableRelativeLow, index);
        var r2 = r * r;
        var r4 = r2 * r2;
        var p01 = Vector512.FusedMultiplyAdd(r, Vector512.Create(E1), Vector512.Create(E0));
        var p23 = Vector512.FusedMultiplyAdd(r, Vector512.Create(E3), Vector512.Create(E2));
        var p45 = Vector512.FusedMultiplyAdd(r, Vector512.Create(E5), Vector512.Create(E4));
        var g = Vector512.FusedMultiplyAdd(r4, p45, Vector512.FusedMultiplyAdd(r2, p23, p01));
        var expm1 = Vector512.FusedMultiplyAdd(r2, g, r) + relativeLow;
        return Vector512.FusedMultiplyAdd(scale, expm1, scale) * factor;
    }

    // Large |x|: x is clamped to [−746, 710] (beyond, the result is 0 or ∞ anyway), 2^k is built with its exponent
    // moved 1020 towards 0 and the result scaled back by one multiplication, which overflows to ∞ or rounds into the
    // subnormals as it should. NaN stays NaN.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<double> ExpSpecial(Vector256<double> x)
    {
        var clamped = Vector256.Min(Vector256.Max(x, Vector256.Create(-746.0)), Vector256.Create(710.0));
        var positive = Vector256.GreaterThan(clamped, Vector256<double>.Zero);
        var bias = Vector256.ConditionalSelect(positive.AsInt64(), Vector256.Create(-1020L << 52), Vector256.Create(1020L << 52));
        var factor = Vector256.ConditionalSelect(positive, Vector256.Create(TwoToThe1020), Vector256.Create(TwoToTheMinus1020));
        var y = ExpCore(clamped, bias, factor);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), y, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ExpSpecial(Vector512<double> x)
    {
        var clamped = Vector512.Min(Vector512.Max(x, Vector512.Create(-746.0)), Vector512.Create(710.0));
        var positive = Vector512.GreaterThan(clamped, Vector512<double>.Zero);
        var bias = Vector512.ConditionalSelect(positive.AsInt64(), Vector512.Create(-1020L << 52), Vector512.Create(1020L << 52));
        var factor = Vector512.ConditionalSelect(positive, Vector512.Create(TwoToThe1020), Vector512.Create(TwoToTheMinus1020));
        var y = ExpCore(clamped, bias, factor);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), y, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<double> Lookup(ReadOnlySpan<double> table, Vector256<long> index)
    {
        if (Avx2.IsSupported)
        {
            fixed (double* start = table)
            {
                return Avx2.GatherVector256(start, index, 8);
            }
        }

        return Vector256.Create(table[(int)index[0]], table[(int)index[1]], table[(int)index[2]], table[(int)index[3]]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> Lookup(ReadOnlySpan<long> table, Vector256<long> index)
        => Lookup(MemoryMarshal.Cast<long, double>(table), index).AsInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Lookup(ReadOnlySpan<double> table, Vector512<long> index)
    {
        if (Avx512F.IsSupported)
        {
            return Avx512F.PermuteVar8x64x2(Vector512.Create(table[..8]), index, Vector512.Create(table[8..]));
        }

        return Vector512.Create(Lookup(table, index.GetLower()), Lookup(table, index.GetUpper()));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<long> Lookup(ReadOnlySpan<long> table, Vector512<long> index)
        => Lookup(MemoryMarshal.Cast<long, double>(table), index).AsInt64();

}
