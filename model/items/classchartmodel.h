#pragma once

#include "diff/branchdiff.h"
#include "domain/labelrowsummary.h"
#include "domain/ontology.h"

#include <QList>
#include <QSet>
#include <QString>

namespace lb {

// Object instances of one class on the source and on the target branch.
struct ClassChartEntry
{
    QString featureHash;
    QString name;  // from the ontology; the feature hash when the ontology does not know it
    QString color; // "#RRGGBB" from the ontology, empty when unknown
    int source = 0;
    int target = 0;
    int delta() const { return target - source; }
};

// The numbers behind the per-class bar chart of a compare: one entry per class that has objects on either
// side, in ontology order (classes the ontology does not know last, by name). No widgets, so it can be tested
// and reused by the command line.
class ClassChartModel
{
public:
    ClassChartModel() = default;

    // Every data unit of the compare: the engine's per-class totals.
    static ClassChartModel fromDiff(const BranchDiff &diff, const Ontology &ontology);
    // A selection of data units (all of them when `dataHashes` is empty), from the row summaries of both
    // branches. Rows of data units outside the selection are ignored.
    static ClassChartModel fromRows(const QString &sourceBranch, const QList<LabelRowSummary> &sourceRows,
                                    const QString &targetBranch, const QList<LabelRowSummary> &targetRows,
                                    const Ontology &ontology, const QSet<QString> &dataHashes = {});

    QString sourceBranch() const { return m_sourceBranch; }
    QString targetBranch() const { return m_targetBranch; }
    const QList<ClassChartEntry> &entries() const { return m_entries; }
    int dataUnitCount() const { return m_dataUnits; } // data units the numbers cover
    int sourceTotal() const;
    int targetTotal() const;
    int maxCount() const; // the largest bar, for the axis range
    const ClassChartEntry *entry(const QString &featureHash) const;
    bool isEmpty() const { return m_entries.isEmpty(); }

    // Totals already summed per feature hash, e.g. by ClassCountIndex.
    static ClassChartModel fromTotals(const QString &sourceBranch, const QHash<QString, int> &sourceTotals,
                                      const QString &targetBranch, const QHash<QString, int> &targetTotals,
                                      const Ontology &ontology, int dataUnits);

private:
    static ClassChartModel build(const QString &sourceBranch, const QHash<QString, int> &sourceTotals,
                                 const QString &targetBranch, const QHash<QString, int> &targetTotals,
                                 const Ontology &ontology, int dataUnits);

    QString m_sourceBranch;
    QString m_targetBranch;
    QList<ClassChartEntry> m_entries;
    int m_dataUnits = 0;
};

// The object counts per class of every data unit on both sides of a compare, packed by position (position i
// holds the data unit at row i of the compare), so that the chart of any selection is a sum over arrays: no
// store query, no string hashing. Reading the rows takes a while on a large project, so it is built once per
// compare, off the GUI thread; charting a selection of 100,000 data units from it then takes milliseconds.
class ClassCountIndex
{
public:
    ClassCountIndex() = default;
    // Rows of data units not in `dataHashes` are ignored.
    static ClassCountIndex fromRows(const QString &sourceBranch, const QList<LabelRowSummary> &sourceRows,
                                    const QString &targetBranch, const QList<LabelRowSummary> &targetRows,
                                    const QStringList &dataHashes);

    QString sourceBranch() const { return m_sourceBranch; }
    QString targetBranch() const { return m_targetBranch; }
    int size() const { return m_size; } // positions
    // The same numbers as ClassChartModel::fromRows over the data units at `positions` (each counted once;
    // positions out of range are ignored).
    ClassChartModel chart(const QList<int> &positions, const Ontology &ontology) const;

private:
    struct Side
    {
        QList<int> firstCell;    // per position, and one past the end: cells [firstCell[i], firstCell[i + 1])
        QList<int> classIndexes; // per cell: index into m_classHashes ...
        QList<int> counts;       // ... and its object count
    };
    void addRows(Side &side, const QList<LabelRowSummary> &rows, const QHash<QString, int> &positionOf);

    QString m_sourceBranch;
    QString m_targetBranch;
    int m_size = 0;
    QStringList m_classHashes;
    QHash<QString, int> m_classIndex;
    Side m_source;
    Side m_target;
};

} // namespace lb
