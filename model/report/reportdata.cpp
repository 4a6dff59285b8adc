#include "report/reportdata.h"

#include <QSet>

namespace lb {

QStringList ReportData::classes() const
{
    QSet<QString> used;
    for (auto it = summary.sourceClassTotals.cbegin(); it != summary.sourceClassTotals.cend(); ++it)
        used.insert(it.key());
    for (auto it = summary.targetClassTotals.cbegin(); it != summary.targetClassTotals.cend(); ++it)
        used.insert(it.key());
    for (auto it = metrics.classes().cbegin(); it != metrics.classes().cend(); ++it)
        used.insert(it.key());
    QStringList ordered;
    for (const OntologyObject &object : ontology.objects) {
        if (used.remove(object.featureHash))
            ordered.append(object.featureHash);
    }
    QStringList others(used.cbegin(), used.cend());
    std::sort(others.begin(), others.end());
    return ordered + others;
}

QString ReportData::className(const QString &featureHash) const
{
    return ontology.nameOf(featureHash);
}

} // namespace lb
