#pragma once

#include "engine/mergeplan.h"

#include <optional>
#include <QHash>
#include <QString>
#include <QStringList>

namespace lb {

// The per-object merge choices a person makes in the compare workspace's drill-down (docs/product.md §3.7),
// across data units, for one pair of branches: each object of a data unit taken from the source, kept as on
// the target or resolved three-way. request() turns them into a MergeRequest in which every object nobody
// chose stays as on the target. Objects are named by the hash the object diff lists them under (the
// target's, or the source's when only the source has the object), which the merge accepts.
class ObjectMergeChoices
{
public:
    // Forgets every choice when the pair changes.
    void setPair(const QString &source, const QString &target);
    QString source() const { return m_source; }
    QString target() const { return m_target; }

    void choose(const QString &dataHash, const QString &objectHash, MergeChoice choice);
    void forget(const QString &dataHash, const QString &objectHash);
    void forgetUnits(const QStringList &dataHashes);
    void clear();

    std::optional<MergeChoice> choiceOf(const QString &dataHash, const QString &objectHash) const;
    QHash<QString, MergeChoice> choicesIn(const QString &dataHash) const;
    int objectCount() const;
    int unitCount() const { return int(m_units.size()); }
    bool isEmpty() const { return m_units.isEmpty(); }

    // The chosen objects, data units in the order they were first chosen; the rest kept as on the target.
    MergeRequest request() const;

private:
    QString m_source, m_target;
    QHash<QString, QHash<QString, MergeChoice>> m_units;
    QStringList m_order;
};

} // namespace lb
