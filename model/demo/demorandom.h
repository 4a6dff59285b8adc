#pragma once

#include <algorithm>
#include <cmath>
#include <QtGlobal>
#include <random>
#include <string>

// Randomness and time for the demo generator. std distributions are implementation-defined, so ranges are
// mapped by hand; only +, -, *, / and rounding touch the numbers, which keeps the output identical across
// libm versions and platforms.

namespace lb::demo {

inline quint64 splitMix(quint64 x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

// Each data unit draws from its own stream per concern, so units can be generated in any order.
enum class Stream : quint64
{
    Project = 1,
    Identity,
    Plan,
    Scene,
    Correction,
    Export,
    Review,
    Times,
    PreLabelHashes
};

inline quint64 streamSeed(quint64 seed, quint64 unit, Stream stream)
{
    return splitMix(splitMix(splitMix(seed) ^ unit) ^ (static_cast<quint64>(stream) * 0xD1B54A32D192ED03ull));
}

// A seeded random stream with hand-made range mapping (see above).
class Random
{
public:
    explicit Random(quint64 seed) : m_engine(seed) {}

    quint64 next() { return m_engine(); }
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; } // [0, 1)
    double range(double lo, double hi) { return lo + (hi - lo) * unit(); }
    int between(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<quint64>(hi - lo + 1)); }
    bool chance(double p) { return unit() < p; }
    double sign() { return chance(0.5) ? 1.0 : -1.0; }

private:
    std::mt19937_64 m_engine;
};

inline double round4(double v)
{
    return std::round(v * 10000.0) / 10000.0;
}

inline double round2(double v)
{
    return std::round(v * 100.0) / 100.0;
}

inline double clamp01(double v)
{
    return std::clamp(v, 0.0, 1.0);
}

std::string uuidFrom(Random &rng);
// Encord object and classification hashes: base64 of 6 random bytes.
std::string shortHash(Random &rng);

// Time: seconds since the epoch, formatted without time-zone machinery.
qint64 epochOf(int year, int month, int day, int hour = 0, int minute = 0);
constexpr qint64 kHour = 3600;
constexpr qint64 kDay = 86400;
std::string longTime(qint64 secs); // "Mon, 05 Oct 2026 08:00:00 UTC"

} // namespace lb::demo
