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
    // The totals of a comparison (of every data unit, or of those it was counted over).
    static ClassChartModel fromSummary(const QString &sourceBranch, const QString &targetBranch,
                                       const DiffSummary &summary, const Ontology &ontology);
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

    // Totals already summed per feature hash.
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

} // namespace lb
