#pragma once

#include "domain/jobcontrol.h"
#include "domain/ontology.h"
#include "domain/result.h"

#include <optional>
#include <QString>
#include <QStringList>

namespace lb {

// A new project file made from Encord export files (JSON arrays of label rows, as Encord and `export` write
// them): a data unit for each data hash the rows name, with the type, title, dataset and size the rows
// give; every branch a row names (`main` when it names none) with its rows; and the ontology given, or one
// inferred from the rows' objects and classifications. The files are read twice, a row at a time: once to
// learn the data units and the ontology, then once per branch, whose rows are written as one import. The
// file appears only when all of it is written; a failure leaves nothing behind.
class ProjectFromExports
{
public:
    struct Options
    {
        QString title;                    // default: the first file's base name
        std::optional<Ontology> ontology; // none: inferred from the rows
        QString user;
    };

    struct Report
    {
        int dataUnits = 0;
        int rows = 0;
        QList<QPair<QString, int>> rowsPerBranch; // in the order the files first name them
        bool ontologyInferred = false;
        int objectClasses = 0;
        int classificationClasses = 0;
    };

    // The title an inferred ontology gets, so a reader of the project sees where its classes came from.
    static QString inferredOntologyTitle();

    static Result<Report> create(const QString &path, const QStringList &files, const Options &options,
                                 const JobControl &control = {});
};

} // namespace lb
