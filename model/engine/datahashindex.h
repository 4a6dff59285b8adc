#pragma once

#include "domain/result.h"

#include <cstdint>
#include <functional>
#include <QHash>
#include <QString>
#include <vector>

namespace lb {

// The data hashes of a project as a compact, exact set with a dense index per hash, for checking an import of
// 500,000 rows against the project without holding 500,000 strings: a sorted 64-bit fingerprint per hash
// (8 bytes each, in one allocation; see fingerprint()), and the full text only of the rare hashes whose
// fingerprints coincide.
// Callers keep their own flags per hash in a bit vector of size().
class DataHashIndex
{
public:
    using Listing = std::function<Result<void>(const std::function<void(const QString &)> &visit)>;
    using Fingerprint = std::uint64_t (*)(const QString &hash);

    // `print` replaces fingerprint() in tests that need coinciding fingerprints.
    explicit DataHashIndex(Fingerprint print = &DataHashIndex::fingerprint) : m_print(print) {}

    // Builds the set from `list`, which hands over every hash once per call (it is called twice when two
    // fingerprints coincide, to keep those hashes' text).
    Result<void> build(const Listing &list);

    // The hash's index in [0, size()), or -1 when it is not in the set.
    qsizetype indexOf(const QString &hash) const;
    qsizetype size() const { return qsizetype(m_fingerprints.size()); }

    static std::uint64_t fingerprint(const QString &hash);

private:
    Fingerprint m_print;
    std::vector<std::uint64_t> m_fingerprints; // sorted
    std::vector<std::uint64_t> m_shared;       // sorted: fingerprints more than one hash has
    QHash<QString, qsizetype> m_exact;         // the hashes of shared fingerprints, by index
};

} // namespace lb
