#pragma once

#include "domain/dataunit.h"

#include <QDateTime>
#include <QHash>
#include <QString>

namespace lb {

// Where a copied row came from, recorded at copy time for the three-way view.
struct Provenance
{
    QString sourceBranch;      // empty: not copied by labelbranch
    QString sourceContentHash; // content hash of the source row when it was copied
    QDateTime copiedAt;
};

// Everything listings and diffs need about one label row, without its JSON.
struct LabelRowSummary
{
    QString dataHash;
    QString labelHash; // empty: the data unit is uninitialised on this branch
    QString branchName;
    QString dataTitle;
    DataType dataType = DataType::Image;
    QString labelStatus;    // NOT_LABELLED, LABEL_IN_PROGRESS, LABELLED, REVIEW_IN_PROGRESS, REVIEWED, ...
    QDateTime createdAt;    // UTC
    QDateTime lastEditedAt; // UTC
    int objectCount = 0;    // distinct objectHash values across all frames
    int classificationCount = 0;     // distinct classificationHash values
    QHash<QString, int> classCounts; // featureHash -> distinct objects of that class
    QString contentHash;             // lower-case hex SHA-256 of the canonical labels
    Provenance provenance;
    // The store's own integer key of the data unit (a local project's data_units.id), which lets it find
    // the unit again without a look-up by hash; 0 when the store has none.
    qint64 unitKey = 0;

    bool isInitialised() const { return !labelHash.isEmpty(); }
};

} // namespace lb
