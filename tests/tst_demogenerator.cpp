#include "demo/democontentpacker.h"
#include "demo/demogenerator.h"
#include "demo/demounitbuilder.h"
#include "diff/objectdiff.h"
#include "domain/classcountsencoding.h"
#include "engine/engine.h"
#include "enginefixture.h"
#include "store/sqlite/sqlitecontents.h"
#include "store/sqlite/sqlitestore.h"
#include "testsupport.h"

#include <atomic>
#include <cmath>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace lb;

namespace {

QHash<QString, QString> contentHashes(SqliteStore &store, const QString &branch)
{
    RowQuery query;
    query.branch = branch;
    auto rows = store.listRows(query);
    if (!rows)
        qWarning("%s", qPrintable(rows.error()));
    QHash<QString, QString> out;
    for (const LabelRowSummary &row : rows.value())
        out.insert(row.dataHash, row.contentHash);
    return out;
}

} // namespace

class TestDemoGenerator : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_defaultPath;
    std::unique_ptr<SqliteStore> m_store;

    SqliteStore &store() { return *m_store; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_defaultPath = m_dir.filePath(QStringLiteral("default.lbproj"));
        const DemoGenerator generator; // the default project: what `labelbranch-cli demo` writes
        auto report = generator.writeProject(m_defaultPath);
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report->dataUnits, DemoGenerator::kDefaultSize);
        QCOMPARE(report->videos, 12);
        auto opened = SqliteStore::open(m_defaultPath);
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        m_store = std::move(opened).value();
    }

    void cleanupTestCase() { m_store.reset(); }

    void sameSeedAndSizeGiveSameBytes()
    {
        const DemoGenerator a(60, 99), b(60, 99);
        for (const QString &branch : a.branchNames()) {
            auto rowsA = a.rows(branch, 0, 60);
            auto rowsB = b.rows(branch, 0, 60);
            QVERIFY2(rowsA.ok(), qPrintable(rowsA.error()));
            QVERIFY2(rowsB.ok(), qPrintable(rowsB.error()));
            QCOMPARE(rowsA->size(), rowsB->size());
            QVERIFY(!rowsA->isEmpty());
            for (qsizetype i = 0; i < rowsA->size(); ++i)
                QCOMPARE(rowsA->at(i).toBytes(), rowsB->at(i).toBytes());
        }
        // Generating a slice gives the same rows as generating everything: units are independent.
        auto all = a.rows(QStringLiteral("main"), 0, 60);
        auto slice = a.rows(QStringLiteral("main"), 20, 10);
        QVERIFY(all.ok() && slice.ok());
        QVERIFY(!slice->isEmpty());
        const qsizetype at = std::find_if(all->cbegin(), all->cend(),
                                          [&](const LabelRowDocument &d) {
                                              return d.dataHash() == slice->constFirst().dataHash();
                                          }) -
                             all->cbegin();
        QVERIFY(at < all->size());
        QCOMPARE(all->at(at).toBytes(), slice->constFirst().toBytes());
    }

    void twoGenerationsHaveTheSameContentHashes()
    {
        const QString first = m_dir.filePath(QStringLiteral("first.lbproj"));
        const QString second = m_dir.filePath(QStringLiteral("second.lbproj"));
        const QString other = m_dir.filePath(QStringLiteral("other-seed.lbproj"));
        QVERIFY(DemoGenerator(80, 5).writeProject(first).ok());
        QVERIFY(DemoGenerator(80, 5).writeProject(second).ok());
        QVERIFY(DemoGenerator(80, 6).writeProject(other).ok());
        auto a = SqliteStore::open(first);
        auto b = SqliteStore::open(second);
        auto c = SqliteStore::open(other);
        QVERIFY(a.ok() && b.ok() && c.ok());
        for (const QString &branch : DemoGenerator(80, 5).branchNames()) {
            const auto hashesA = contentHashes(*a.value(), branch);
            QVERIFY(!hashesA.isEmpty());
            QCOMPARE(hashesA, contentHashes(*b.value(), branch));
            QVERIFY(hashesA != contentHashes(*c.value(), branch));
        }
    }

    void hasTheFourBranches()
    {
        auto branches = store().branches();
        QVERIFY2(branches.ok(), qPrintable(branches.error()));
        QHash<QString, BranchInfo> byName;
        for (const BranchInfo &b : branches.value())
            byName.insert(b.name, b);
        QCOMPARE(byName.size(), 4);
        QCOMPARE(branches->constFirst().name, QStringLiteral("main"));
        QVERIFY(byName.contains(DemoGenerator::preLabelsBranch()));
        const BranchInfo snapshot = byName.value(DemoGenerator::exportBranch());
        QVERIFY(snapshot.isSnapshot);
        QCOMPARE(snapshot.createdFrom, QStringLiteral("main"));
        QCOMPARE(byName.value(DemoGenerator::reviewBranch()).createdFrom, QStringLiteral("main"));
        QVERIFY(!byName.value(DemoGenerator::reviewBranch()).isSnapshot);
        for (const BranchInfo &b : branches.value())
            QVERIFY2(b.rowCount > 0, qPrintable(b.name));
    }

    void setUpIsNotJournaled()
    {
        Engine engine(store());
        auto last = engine.lastUndoable();
        QVERIFY2(last.ok(), qPrintable(last.error()));
        QCOMPARE(last->id, qint64(0));
    }

    void aboutEightPercentUninitialisedOnMain()
    {
        RowQuery query;
        query.includeUninitialised = true;
        auto rows = store().listRows(query);
        QVERIFY2(rows.ok(), qPrintable(rows.error()));
        QCOMPARE(rows->size(), DemoGenerator::kDefaultSize);
        const auto uninitialised = std::count_if(rows->cbegin(), rows->cend(),
                                                 [](const LabelRowSummary &r) { return !r.isInitialised(); });
        const double share = double(uninitialised) / rows->size();
        QVERIFY2(share > 0.04 && share < 0.13, qPrintable(QString::number(share)));
    }

    // The model wrote pre-labels-v1 under object hashes of its own: every row differs from main's, the class
    // mix tells the corrected rows apart.
    void preLabelsRowsAllDifferFromMain()
    {
        Engine engine(store());
        auto diff = engine.diff(QStringLiteral("main"), DemoGenerator::preLabelsBranch());
        QVERIFY2(diff.ok(), qPrintable(diff.error()));
        const DiffSummary &s = diff->summary;
        QCOMPARE(s.identical, 0);
        QVERIFY(s.changedSameCount >
                200);                  // the same objects under other hashes, moved boxes, relabelled ones
        QVERIFY(s.countDiffers >= 10); // missing objects and false positives
        QVERIFY(s.onlyInTarget >= 3);  // predicted, not yet labelled on main
        QVERIFY(s.uninitialisedOnBoth >= 3);

        // Relabelled rows change the class mix without changing the count.
        bool relabelSeen = false;
        for (const DiffEntry &e : diff->entries)
            if (e.status == DiffStatus::ChangedSameCount && !e.classDeltas.isEmpty())
                relabelSeen = true;
        QVERIFY(relabelSeen);
    }

    // Object by object, paired by shape, about a third of the rows main and pre-labels-v1 both have differ:
    // the corrections. The rest match object for object although no objectHash is shared.
    void aThirdOfPreLabelsRowsDifferFromMainInTheirObjects()
    {
        const DemoGenerator generator;
        auto mainRows = generator.rows(QStringLiteral("main"), 0, generator.size());
        auto preRows = generator.rows(DemoGenerator::preLabelsBranch(), 0, generator.size());
        QVERIFY(mainRows.ok() && preRows.ok());
        QHash<QString, const LabelRowDocument *> mainOf;
        for (const LabelRowDocument &row : mainRows.value())
            mainOf.insert(row.dataHash(), &row);
        int both = 0, differing = 0, paired = 0, moved = 0, relabelled = 0, sharedHashes = 0;
        for (const LabelRowDocument &pre : preRows.value()) {
            const LabelRowDocument *main = mainOf.value(pre.dataHash());
            if (!main)
                continue;
            QSet<QString> mainHashes;
            for (const ObjectAnnotation &o : main->objects())
                mainHashes.insert(o.objectHash);
            for (const ObjectAnnotation &o : pre.objects())
                sharedHashes += mainHashes.contains(o.objectHash) ? 1 : 0;
            const ObjectDiff diff = computeObjectDiff(main, &pre);
            ++both;
            differing += diff.isIdentical() ? 0 : 1;
            for (const ObjectInstanceChange &instance : diff.instances) {
                if (instance.match == MatchMethod::Hash)
                    continue;
                ++paired;
                moved += instance.reasons & (EditReason::Moved | EditReason::Resized) ? 1 : 0;
                relabelled += instance.reasons.testFlag(EditReason::ClassChanged) ? 1 : 0;
            }
        }
        QCOMPARE(sharedHashes, 0);
        QVERIFY(both > 300);
        const double share = double(differing) / both;
        QVERIFY2(share > 0.25 && share < 0.45, qPrintable(QString::number(share)));
        QVERIFY(paired > 1000);
        QVERIFY(moved >= 10);
        QVERIFY(relabelled >= 10);
    }

    // With main's hashes (demo --shared-object-hashes) the rows whose labels equal main's are identical.
    void sharedHashesKeepUnchangedRowsIdentical()
    {
        DemoGenerator generator(120, DemoGenerator::kDefaultSeed);
        generator.setFreshPreLabelHashes(false);
        const QString path = m_dir.filePath(QStringLiteral("shared-hashes.lbproj"));
        QVERIFY(generator.writeProject(path).ok());
        auto opened = SqliteStore::open(path);
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        Engine engine(*opened.value());
        auto diff = engine.diff(QStringLiteral("main"), DemoGenerator::preLabelsBranch());
        QVERIFY2(diff.ok(), qPrintable(diff.error()));
        const DiffSummary &s = diff->summary;
        const int preRows = s.identical + s.changedSameCount + s.countDiffers + s.onlyInTarget;
        const double share = double(s.changedSameCount + s.countDiffers + s.onlyInTarget) / preRows;
        QVERIFY2(share > 0.2 && share < 0.5, qPrintable(QString::number(share)));
    }

    void predictionsLookLikeAModel()
    {
        const DemoGenerator generator;
        auto rows = generator.rows(DemoGenerator::preLabelsBranch(), 0, 100);
        QVERIFY2(rows.ok(), qPrintable(rows.error()));
        QVERIFY(rows->size() > 50);
        for (const LabelRowDocument &row : rows.value()) {
            QCOMPARE(row.branchName(), DemoGenerator::preLabelsBranch());
            for (const ObjectAnnotation &o : row.objects()) {
                QCOMPARE(o.createdBy, DemoGenerator::modelAuthor());
                QVERIFY(!o.manualAnnotation);
                QVERIFY2(o.confidence >= 0.3 && o.confidence <= 0.99,
                         qPrintable(QString::number(o.confidence)));
            }
        }
    }

    void exportIsAnOlderSnapshotOfMain()
    {
        Engine engine(store());
        auto diff = engine.diff(QStringLiteral("main"), DemoGenerator::exportBranch());
        QVERIFY2(diff.ok(), qPrintable(diff.error()));
        const DiffSummary &s = diff->summary;
        QVERIFY(s.identical > s.differences() * 3);
        QVERIFY(s.changedSameCount + s.countDiffers >= 10); // main was edited since
        QVERIFY(s.onlyInSource >= 3);                       // labelled on main after the snapshot
        QCOMPARE(s.onlyInTarget, 0);
    }

    void reviewBranchIsAnEditedSubset()
    {
        RowQuery main;
        auto mainCount = store().countRows(main);
        RowQuery review;
        review.branch = DemoGenerator::reviewBranch();
        auto reviewRows = store().listRows(review);
        QVERIFY(mainCount.ok() && reviewRows.ok());
        const double share = double(reviewRows->size()) / mainCount.value();
        QVERIFY2(share > 0.05 && share < 0.16, qPrintable(QString::number(share)));

        Engine engine(store());
        auto diff = engine.diff(QStringLiteral("main"), DemoGenerator::reviewBranch());
        QVERIFY(diff.ok());
        QVERIFY(diff->summary.identical > 0);
        QVERIFY(diff->summary.changedSameCount + diff->summary.countDiffers > 0);

        const DemoGenerator generator;
        auto docs = generator.rows(DemoGenerator::reviewBranch(), 0, DemoGenerator::kDefaultSize);
        QVERIFY(docs.ok());
        bool aliceEdited = false;
        for (const LabelRowDocument &doc : docs.value()) {
            for (const ObjectAnnotation &o : doc.objects())
                aliceEdited |=
                    o.lastEditedBy == DemoGenerator::reviewer() || o.createdBy == DemoGenerator::reviewer();
            const auto &answers = doc.json().at("classification_answers");
            for (auto it = answers.begin(); it != answers.end(); ++it)
                aliceEdited |= it.value().value("lastEditedBy", nlohmann::json()).is_string() &&
                               it.value()["lastEditedBy"].get<std::string>() == "alice@example.com";
        }
        QVERIFY(aliceEdited);
    }

    void everyGeometryTypeIsUsed()
    {
        const DemoGenerator generator;
        auto rows = generator.rows(QStringLiteral("main"), 0, DemoGenerator::kDefaultSize);
        QVERIFY2(rows.ok(), qPrintable(rows.error()));
        QSet<ShapeType> shapes;
        QSet<QString> classes;
        for (const LabelRowDocument &row : rows.value())
            for (const ObjectAnnotation &o : row.objects()) {
                shapes.insert(o.geometry.shape);
                classes.insert(o.name);
            }
        for (ShapeType shape : {ShapeType::BoundingBox, ShapeType::RotatableBoundingBox, ShapeType::Polygon,
                                ShapeType::Polyline, ShapeType::Point, ShapeType::Skeleton})
            QVERIFY2(shapes.contains(shape), qPrintable(shapeTypeName(shape)));
        QCOMPARE(classes.size(), generator.ontology().objects.size());

        // Distinct colours per class.
        QSet<QString> colours;
        for (const OntologyObject &o : generator.ontology().objects)
            colours.insert(o.color.toLower());
        QCOMPARE(colours.size(), generator.ontology().objects.size());
    }

    void rowsAreEncordShaped()
    {
        const DemoGenerator generator(40, 3);
        auto rows = generator.rows(QStringLiteral("main"), 0, 40);
        QVERIFY(rows.ok());
        for (const LabelRowDocument &row : rows.value()) {
            const nlohmann::json &j = row.json();
            for (const char *key :
                 {"label_hash", "branch_name", "created_at", "last_edited_at", "data_hash", "dataset_hash",
                  "dataset_title", "data_title", "data_type", "label_status", "data_units", "object_answers",
                  "classification_answers", "object_actions", "spaces"})
                QVERIFY2(j.contains(key), key);
            QSet<QString> hashes;
            for (const ObjectAnnotation &o : row.objects())
                hashes.insert(o.objectHash);
            QCOMPARE(qsizetype(j.at("object_answers").size()), hashes.size());
            for (const QString &h : hashes)
                QVERIFY(j.at("object_answers").contains(h.toStdString()));
            for (const auto &answer : j.at("classification_answers"))
                QVERIFY(answer.contains("spaces"));
            QCOMPARE(row.classificationCount(), 2);
        }
    }

    void objectsSitInPlausiblePlaces()
    {
        const DemoGenerator generator;
        auto rows = generator.rows(QStringLiteral("main"), 0, 150);
        QVERIFY(rows.ok());
        for (const LabelRowDocument &row : rows.value())
            for (const ObjectAnnotation &o : row.objects()) {
                const Geometry &g = o.geometry;
                if (o.name == QLatin1String("Car")) {
                    QVERIFY2(g.y + g.h > 0.4, "cars stand on the road, below the horizon");
                    QVERIFY(g.x >= 0.0 && g.x + g.w <= 1.0001);
                } else if (o.name == QLatin1String("Traffic light")) {
                    QCOMPARE(g.points.size(), 1);
                    QVERIFY2(g.points.constFirst().y < 0.5, "traffic lights hang above the horizon");
                } else if (o.name == QLatin1String("Lane marking")) {
                    QVERIFY(g.points.size() >= 2);
                } else if (o.name == QLatin1String("Cyclist")) {
                    QCOMPARE(g.points.size(), 5);
                    QVERIFY(!g.points.constFirst().name.isEmpty());
                }
            }
    }

    void videoTracksMoveSmoothly()
    {
        const DemoGenerator generator;
        auto rows = generator.rows(QStringLiteral("main"), 0, DemoGenerator::kDefaultSize);
        QVERIFY(rows.ok());
        int videos = 0;
        for (const LabelRowDocument &row : rows.value()) {
            if (row.dataType() != DataType::Video)
                continue;
            ++videos;
            QVERIFY(row.dataTitle().endsWith(QLatin1String(".mp4")));
            QVERIFY(row.frameCount() >= 30 && row.frameCount() <= 120);
            // One instance per track across frames.
            QVERIFY(row.objects().size() > row.objectInstanceCount() * 10);
            QHash<QString, QList<const ObjectAnnotation *>> tracks;
            for (const ObjectAnnotation &o : row.objects())
                tracks[o.objectHash].append(&o);
            int moving = 0;
            for (auto it = tracks.cbegin(); it != tracks.cend(); ++it) {
                QList<const ObjectAnnotation *> frames = it.value();
                std::sort(
                    frames.begin(), frames.end(),
                    [](const ObjectAnnotation *a, const ObjectAnnotation *b) { return a->frame < b->frame; });
                for (qsizetype i = 1; i < frames.size(); ++i) {
                    QCOMPARE(frames[i]->frame, frames[i - 1]->frame + 1);
                    const Geometry &a = frames[i - 1]->geometry, &b = frames[i]->geometry;
                    if (a.shape == ShapeType::BoundingBox) {
                        QVERIFY2(std::abs(a.x - b.x) < 0.05 && std::abs(a.y - b.y) < 0.05,
                                 "no jumps between frames");
                        if (a.x != b.x || a.y != b.y || a.w != b.w)
                            ++moving;
                    }
                }
            }
            QVERIFY(moving > 0);
        }
        QVERIFY(videos >= 10);
    }

    void branchesShareMainsContent()
    {
        auto scalar = [this](const char *statement) {
            QSqlQuery query(store().database());
            if (!query.exec(QString::fromLatin1(statement)) || !query.next())
                qWarning("%s", qPrintable(query.lastError().text()));
            return query.value(0).toLongLong();
        };
        const qint64 rows = scalar("SELECT count(*) FROM label_rows");
        const qint64 contents = scalar("SELECT count(DISTINCT content_id) FROM label_rows");
        QCOMPARE(scalar("SELECT count(*) FROM label_contents"), contents);
        // Every pre-labels row has content of its own (its own object hashes); most other rows share main's.
        QVERIFY2(contents * 10 < rows * 8, qPrintable(QStringLiteral("%1 of %2").arg(contents).arg(rows)));
        // Most of the snapshot's rows are main's content itself, not a copy of it.
        const qint64 snapshotRows = scalar("SELECT count(*) FROM label_rows r JOIN branches b ON b.id = "
                                           "r.branch_id WHERE b.name = 'export-2026-11-20'");
        const qint64 sharedWithMain = scalar(
            "SELECT count(*) FROM label_rows r JOIN branches b ON b.id = r.branch_id JOIN label_rows m ON "
            "m.data_unit_id = r.data_unit_id AND m.content_id = r.content_id JOIN branches mb ON mb.id = "
            "m.branch_id WHERE b.name = 'export-2026-11-20' AND mb.name = 'main'");
        QVERIFY2(sharedWithMain * 10 > snapshotRows * 7,
                 qPrintable(QStringLiteral("%1 of %2").arg(sharedWithMain).arg(snapshotRows)));
        // ...and still reads back as its own row.
        RowQuery query;
        query.branch = DemoGenerator::exportBranch();
        auto listed = store().listRows(query);
        QVERIFY(listed.ok() && !listed->isEmpty());
        auto fetched = store().fetchContents(DemoGenerator::exportBranch(), {listed->constFirst().labelHash});
        QVERIFY2(fetched.ok(), qPrintable(fetched.error()));
        QCOMPARE(fetched->constFirst().branchName(), DemoGenerator::exportBranch());
        QCOMPARE(fetched->constFirst().labelHash(), listed->constFirst().labelHash);
    }

    // The file stores for each row what writing the parsed document would store.
    void storedContentMatchesTheDocuments()
    {
        for (const int size : {DemoGenerator::kDefaultSize, DemoGenerator::kDenseSceneLimit + 1}) {
            const DemoGenerator generator(size, 7);
            const demo::DemoUnitBuilder builder{generator, demo::projectUuid(generator.seed(), 3), "Urban"};
            for (int i = 0; i < 120; ++i) {
                const demo::UnitRender rendered = builder.render(i);
                const demo::UnitDocs docs = builder.build(i);
                QVERIFY(docs.error.isEmpty());
                for (size_t b = 0; b < rendered.contents.size(); ++b) {
                    if (!rendered.contents[b])
                        continue;
                    const LabelRowDocument &doc = *docs.docs[b];
                    const PreparedContent packed =
                        demo::packContent(rendered.contents[b]->json, rendered.contents[b]->canonical,
                                          rendered.contents[b]->facts);
                    QCOMPARE(packed.digest, SqliteContents::digestOf(doc.toBytes()));
                    QCOMPARE(qUncompress(packed.compressed), doc.toBytes());
                    QCOMPARE(packed.contentHash, doc.contentHash());
                    QCOMPARE(packed.objectCount, doc.objectInstanceCount());
                    QCOMPARE(packed.classificationCount, doc.classificationCount());
                    QCOMPARE(packed.classCounts, encodeClassCounts(doc.classCounts()));
                }
            }
        }
    }

    // What the file holds about each content is what reading its stored bytes back gives: the digest of the
    // decompressed JSON, the content hash and the counts a parsed document computes.
    void storedFactsMatchTheStoredJson()
    {
        QSqlQuery query(store().database());
        QVERIFY(query.exec(QStringLiteral(
            "SELECT c.digest, c.content_hash, c.object_count, c.classification_count, c.class_counts, "
            "b.content, "
            "d.data_type FROM label_contents c JOIN label_content_bytes b ON b.content_id = c.id JOIN "
            "label_rows r ON r.content_id = c.id JOIN data_units d ON d.id = r.data_unit_id GROUP BY c.id")));
        int contents = 0;
        int videos = 0;
        while (query.next()) {
            const QByteArray json = qUncompress(query.value(5).toByteArray());
            QVERIFY(!json.isEmpty());
            auto doc = LabelRowDocument::fromBytes(json);
            QVERIFY2(doc.ok(), qPrintable(doc.error()));
            QCOMPARE(query.value(0).toString(), SqliteContents::digestOf(json));
            QCOMPARE(doc->toBytes(), json);
            QCOMPARE(query.value(1).toString(), doc->contentHash());
            QCOMPARE(query.value(2).toInt(), doc->objectInstanceCount());
            QCOMPARE(query.value(3).toInt(), doc->classificationCount());
            QCOMPARE(query.value(4).toString(), encodeClassCounts(doc->classCounts()));
            ++contents;
            videos += doc->dataType() == DataType::Video ? 1 : 0;
        }
        QVERIFY(contents > DemoGenerator::kDefaultSize);
        QVERIFY(videos >= 12);
    }

    void sizesUpToAMillionAreAccepted()
    {
        QCOMPARE(DemoGenerator::parseSize(QStringLiteral("1000000")).value(), 1000000);
        QCOMPARE(DemoGenerator::parseSize(QStringLiteral("500000")).value(), 500000);
        auto tooBig = DemoGenerator::parseSize(QStringLiteral("1000001"));
        QVERIFY(!tooBig.ok());
        QVERIFY2(tooBig.error().contains(QLatin1String("1000000")) &&
                     tooBig.error().contains(QLatin1String("1000001")),
                 qPrintable(tooBig.error()));
        QVERIFY(!DemoGenerator::parseSize(QStringLiteral("99999999999")).ok());
        QCOMPARE(DemoGenerator(1000000).size(), 1000000);
    }

    void sizeOptionScales()
    {
        QCOMPARE(DemoGenerator::parseSize(QStringLiteral("small")).value(), DemoGenerator::kSmallSize);
        QCOMPARE(DemoGenerator::parseSize(QStringLiteral("default")).value(), DemoGenerator::kDefaultSize);
        QCOMPARE(DemoGenerator::parseSize(QStringLiteral("large")).value(), DemoGenerator::kLargeSize);
        QCOMPARE(DemoGenerator::parseSize(QStringLiteral("250")).value(), 250);
        QVERIFY(!DemoGenerator::parseSize(QStringLiteral("0")).ok());
        QVERIFY(!DemoGenerator::parseSize(QStringLiteral("lots")).ok());

        const QString path = m_dir.filePath(QStringLiteral("small.lbproj"));
        const DemoGenerator small(DemoGenerator::kSmallSize);
        auto report = small.writeProject(path);
        QVERIFY2(report.ok(), qPrintable(report.error()));
        auto opened = SqliteStore::open(path);
        QVERIFY(opened.ok());
        auto units = opened.value()->dataUnits();
        QVERIFY(units.ok());
        QCOMPARE(units->size(), DemoGenerator::kSmallSize);
        QVERIFY(std::any_of(units->cbegin(), units->cend(),
                            [](const DataUnit &u) { return u.dataType == DataType::Video; }));
        QSet<QString> titles;
        for (const DataUnit &u : units.value())
            titles.insert(u.dataTitle);
        QCOMPARE(titles.size(), units->size());
        auto branches = opened.value()->branches();
        QVERIFY(branches.ok());
        QCOMPARE(branches->size(), 4);
    }

    void progressAndCancellation()
    {
        const QString path = m_dir.filePath(QStringLiteral("cancelled.lbproj"));
        std::atomic_bool cancel{false};
        int reports = 0;
        JobControl control;
        control.cancelFlag = &cancel;
        control.onProgress = [&](const Progress &p) {
            ++reports;
            if (p.done > 0)
                cancel = true;
        };
        auto report = DemoGenerator(600).writeProject(path, control);
        QVERIFY(!report.ok());
        QVERIFY(report.error().contains(QLatin1String("cancel")));
        QVERIFY(reports >= 2);
        QVERIFY(!QFileInfo::exists(path)); // no half-written project is left behind
    }

    // `demo --modalities all`: every other data type beside the scenes, on main and pre-labels (where the
    // model's version differs) and in the export snapshot; counted by the frame rule, the same every time.
    void allModalitiesAddEveryDataType()
    {
        DemoGenerator generator(DemoGenerator::kSmallSize);
        generator.setAllModalities(true);
        const QString path = m_dir.filePath(QStringLiteral("modalities.lbproj"));
        const auto report = generator.writeProject(path);
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report->otherModalities, 11);
        QCOMPARE(report->dataUnits, DemoGenerator::kSmallSize + 11);
        auto opened = SqliteStore::open(path);
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        SqliteStore &modal = *opened.value();
        QSet<DataType::Kind> kinds;
        QHash<QString, DataType> typeOf;
        for (const DataUnit &unit : modal.dataUnits().value()) {
            kinds.insert(unit.dataType.kind());
            typeOf.insert(unit.dataHash, unit.dataType);
        }
        for (const DataType::Kind kind :
             {DataType::Image, DataType::Video, DataType::Dicom, DataType::Nifti, DataType::Pdf,
              DataType::Audio, DataType::PlainText, DataType::Group})
            QVERIFY2(kinds.contains(kind), qPrintable(DataType(kind).labelRowName()));
        const Result<Ontology> ontology = modal.ontology();
        QVERIFY(ontology->object(QStringLiteral("sp33ch00")) && ontology->object(QStringLiteral("les10n00")));

        Engine engine(modal, QStringLiteral("tester"));
        const Result<BranchDiff> diff = engine.diff(QStringLiteral("main"), DemoGenerator::preLabelsBranch());
        QVERIFY2(diff.ok(), qPrintable(diff.error()));
        int otherTypes = 0;
        for (const DiffEntry &entry : diff->entries) {
            const DataType::Kind kind = typeOf.value(entry.dataHash).kind();
            if (kind == DataType::Image || kind == DataType::Video)
                continue;
            ++otherTypes;
            QVERIFY2(entry.status == DiffStatus::ChangedSameCount || entry.status == DiffStatus::CountDiffers,
                     qPrintable(entry.dataTitle));
            if (kind == DataType::Group)
                QCOMPARE(entry.sourceCount, 0);
            else
                QVERIFY2(entry.sourceCount >= 2, qPrintable(entry.dataTitle));
        }
        QCOMPARE(otherTypes, 11);
        const Result<BranchDiff> snapshot =
            engine.diff(QStringLiteral("main"), DemoGenerator::exportBranch());
        QVERIFY(snapshot.ok());
        for (const DiffEntry &entry : snapshot->entries) {
            if (typeOf.value(entry.dataHash).kind() == DataType::Dicom)
                QCOMPARE(entry.status, DiffStatus::Identical);
        }

        // The same seed gives the same rows.
        const QString again = m_dir.filePath(QStringLiteral("modalities-again.lbproj"));
        QVERIFY(generator.writeProject(again).ok());
        auto reopened = SqliteStore::open(again);
        QVERIFY(reopened.ok());
        const auto first = test::rowsByDataHash(modal, QStringLiteral("main"));
        const auto second = test::rowsByDataHash(*reopened.value(), QStringLiteral("main"));
        QCOMPARE(second.size(), first.size());
        for (auto it = first.cbegin(); it != first.cend(); ++it)
            QCOMPARE(second.value(it.key()).contentHash, it->contentHash);
    }

    void refusesAnExistingFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("taken.lbproj"));
        QVERIFY(test::writeFile(path, "not a project"));
        const QString before = test::fileSha256(path);
        auto report = DemoGenerator(20).writeProject(path);
        QVERIFY(!report.ok());
        QVERIFY(report.error().contains(QLatin1String("exists")));
        QCOMPARE(test::fileSha256(path), before);
    }
};

QTEST_GUILESS_MAIN(TestDemoGenerator)
#include "tst_demogenerator.moc"
