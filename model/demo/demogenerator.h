#pragma once

#include "domain/dataunit.h"
#include "domain/jobcontrol.h"
#include "domain/labelrowdocument.h"
#include "domain/ontology.h"
#include "domain/result.h"
#include "store/store.h"

#include <array>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace lb {

struct DemoReport
{
    QString path;
    int dataUnits = 0;
    int images = 0;
    int videos = 0;
    int otherModalities = 0;                  // data units of the other data types
    QList<QPair<QString, int>> rowsPerBranch; // in creation order, main first
};

// A realistic driving-scene project (docs/product.md §4.6, and the benchmarks): images and videos,
// an ontology using every geometry type, and the branches main, pre-labels-v1 (model predictions),
// export-2026-11-20 (an older snapshot of main) and review-alice (a reviewer's subset).
//
// Everything is a pure function of (size, seed): each data unit draws from its own std::mt19937_64 stream,
// mapped to ranges by hand, so the same seed and size give the same bytes of every label row on every
// platform and in any generation order.
class DemoGenerator
{
public:
    static constexpr int kDefaultSize = 412;
    static constexpr int kSmallSize = 60;
    static constexpr int kLargeSize = 100000;
    static constexpr int kMinSize = 10;
    static constexpr int kMaxSize = 1000000;
    static constexpr quint64 kDefaultSeed = 20261120;
    // Above this size scenes get fewer objects and videos fewer frames, so that a benchmark project
    // stays a few hundred MB.
    static constexpr int kDenseSceneLimit = 20000;

    explicit DemoGenerator(int size = kDefaultSize, quint64 seed = kDefaultSeed);

    // "small", "default", "large" or a number in kMinSize..kMaxSize.
    static Result<int> parseSize(const QString &text);

    static QString preLabelsBranch() { return QStringLiteral("pre-labels-v1"); }
    static QString exportBranch() { return QStringLiteral("export-2026-11-20"); }
    static QString reviewBranch() { return QStringLiteral("review-alice"); }
    static QString modelAuthor() { return QStringLiteral("model:detector-v1"); }
    static QString reviewer() { return QStringLiteral("alice@example.com"); }

    int size() const { return m_size; }
    quint64 seed() const { return m_seed; }
    int videoCount() const { return m_videoCount; }
    // With every other Encord data type too (`demo --modalities all`): a few DICOM series, a NIfTI volume, a
    // PDF, audio clips, text and HTML documents and a data group beside the driving scenes
    // (demomodalities.h).
    void setAllModalities(bool all) { m_allModalities = all; }
    bool allModalities() const { return m_allModalities; }
    // The model wrote its predictions to pre-labels-v1 under object hashes of its own (the default), as a
    // pre-labelling agent does: no object there shares an objectHash with main, so comparing the two needs
    // matching by shape. Off, pre-labels-v1 keeps main's hashes and its unchanged rows equal main's.
    void setFreshPreLabelHashes(bool fresh) { m_freshPreLabelHashes = fresh; }
    bool freshPreLabelHashes() const { return m_freshPreLabelHashes; }

    ProjectInfo projectInfo() const;
    Ontology ontology() const;
    QList<DataUnit> dataUnits() const;
    QStringList branchNames() const; // main first

    // Label rows of `branch` for the data units [first, first + count), in data-unit order; data units
    // that are uninitialised on the branch give no row.
    Result<QList<LabelRowDocument>> rows(const QString &branch, int first, int count) const;

    // Creates the project file (refuses an existing file) and writes every branch in batches of data units,
    // as Store::writeRows with operation 0 would (nothing of the set-up is journaled), except that a row
    // whose labels equal main's shares main's stored content instead of storing a copy. Progress counts
    // data units; cancelling, like any failure, removes the partly written file.
    Result<DemoReport> writeProject(const QString &path, const JobControl &control = {}) const;

private:
    // Adds the other data types to the written project; returns how many data units they are.
    Result<int> addModalities(const QString &path, std::array<int, 4> &rowCounts) const;

    int m_size;
    quint64 m_seed;
    int m_videoCount;
    bool m_allModalities = false;
    bool m_freshPreLabelHashes = true;
};

} // namespace lb
