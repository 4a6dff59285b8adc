#pragma once

#include "domain/dataunit.h"
#include "domain/jobcontrol.h"
#include "domain/ontology.h"
#include "domain/result.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QSet>
#include <QStringList>

namespace lb {

class LabelRowDocument;

// What a first reading of export files learns before a project is made from them: the data units (the
// first row of each data hash describes it, later rows may only raise its frame count), the branches with
// their row counts, and the classes the rows use. It also refuses what would make the import of a branch
// fail, so the writing that follows cannot: a data unit with two types, a bad branch name, two rows for one
// data unit on one branch.
class ExportSurvey
{
public:
    // Reads every row of the files once, checked (LabelRowParser::check()).
    static Result<ExportSurvey> of(const QStringList &files, const JobControl &control);

    Result<void> add(const LabelRowDocument &row);

    int unitCount() const { return int(m_units.size()); }
    const QList<DataUnit> &units() const { return m_units; }
    // The classes of the objects and classifications, in the order the rows first use them.
    Ontology inferredOntology(const QString &title) const;
    const QList<QPair<QString, int>> &branches() const { return m_branches; }
    int rows() const { return m_rows; }

private:
    Result<int> countBranch(const QString &branch);
    void addClasses(const LabelRowDocument &row);
    QString shared(const QString &text);

    QList<DataUnit> m_units;
    QHash<QString, qsizetype> m_unitIndex;         // data hash -> index into m_units
    QSet<QPair<qsizetype, int>> m_unitsOnBranches; // (unit, branch) pairs seen
    QSet<QString> m_strings;                       // dataset hashes and titles, held once
    QHash<QString, qsizetype> m_objectIndex, m_classificationIndex;
    QList<OntologyObject> m_objects;
    QList<OntologyClassification> m_classifications;
    QList<QPair<QString, int>> m_branches;
    int m_rows = 0;
};

} // namespace lb
