// Every Encord data type and every shape (docs/encord-api.md §4, §5): counted by the frame rule, parsed,
// stored, imported and exported unchanged but for the branch name, copied, synced, snapshotted, compared and
// undone.

#include "domain/labelrowarrayreader.h"
#include "domain/labelrowdocument.h"
#include "engine/engine.h"
#include "engine/reviewengine.h"
#include "enginefixture.h"
#include "modalityrows.h"
#include "store/sqlite/sqlitestore.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QtTest>

using namespace lb;
using namespace lb::test;
using json = nlohmann::json;

namespace {

const QString kImported = QStringLiteral("imported");

LabelRowDocument parsed(const json &row)
{
    Result<LabelRowDocument> document = LabelRowDocument::fromJson(row);
    if (!document)
        qFatal("test row does not parse: %s", qPrintable(document.error()));
    return std::move(document).value();
}

// A project with one data unit of each case's type and every case's row imported onto kImported.
class ModalityProject
{
public:
    ModalityProject()
    {
        QList<DataUnit> units;
        for (const ModalityCase &c : modalityCases()) {
            DataUnit unit;
            unit.dataHash = QString::fromStdString(c.row.at("data_hash").get<std::string>());
            unit.dataTitle = QString::fromStdString(c.row.at("data_title").get<std::string>());
            unit.dataType = c.unitType;
            units.append(unit);
        }
        ProjectInfo info;
        info.projectHash = QStringLiteral("aaaaaaaa-0000-4000-8000-0000000000bb");
        info.title = QStringLiteral("Every modality");
        auto created = SqliteStore::create(m_dir.filePath(QStringLiteral("m.lbproj")), info,
                                           everyModalityOntology(), units);
        if (!created)
            qFatal("cannot create the project: %s", qPrintable(created.error()));
        m_store = std::move(created).value();
    }

    SqliteStore &store() { return *m_store; }

    Result<CopyResult> importCases(Engine &engine)
    {
        json all = json::array();
        for (const ModalityCase &c : modalityCases())
            all.push_back(c.row);
        QBuffer buffer;
        buffer.setData(QByteArray::fromStdString(all.dump()));
        buffer.open(QIODevice::ReadOnly);
        LabelRowArrayReader reader(buffer);
        return engine.importRows(kImported, reader, false);
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SqliteStore> m_store;
};

QHash<QString, json> exportedRows(Engine &engine, const QString &branch)
{
    QHash<QString, json> rows;
    const Result<qint64> exported =
        engine.exportRowBytes(branch, [&](const QByteArray &bytes) -> Result<void> {
            const json row = json::parse(bytes.toStdString());
            rows.insert(QString::fromStdString(row.at("data_hash").get<std::string>()), row);
            return {};
        });
    if (!exported)
        qFatal("export failed: %s", qPrintable(exported.error()));
    return rows;
}

} // namespace

class TestModalities : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyTypeIsCountedByTheFrameRule_data()
    {
        QTest::addColumn<int>("index");
        const QList<ModalityCase> cases = modalityCases();
        for (int i = 0; i < cases.size(); ++i)
            QTest::newRow(qPrintable(cases.at(i).name)) << i;
    }

    void everyTypeIsCountedByTheFrameRule()
    {
        QFETCH(int, index);
        const ModalityCase c = modalityCases().at(index);
        const LabelRowDocument document = parsed(c.row);
        QCOMPARE(document.dataType().labelRowName(), c.typeName);
        QCOMPARE(document.dataType(), c.unitType);
        QCOMPARE(document.objectInstanceCount(), c.objects);
        QCOMPARE(document.classCounts(), c.classes);
        QCOMPARE(document.frameCount(), c.frames);
        // What a first check of a file reads says the same about the type.
        const json copy = c.row;
        QVERIFY(LabelRowDocument::fromJson(copy).ok());
    }

    void everyShapeIsParsed()
    {
        const LabelRowDocument document = parsed(everyShapeRow());
        QHash<QString, ObjectAnnotation> objects;
        for (const ObjectAnnotation &object : document.objects())
            objects.insert(object.objectHash, object);
        QCOMPARE(objects.size(), 9);
        QCOMPARE(document.objectInstanceCount(), 9);
        QCOMPARE(document.classCounts(), (QHash<QString, int>{{kCarHash, 5}, {kLesionHash, 4}}));

        QCOMPARE(objects.value(QStringLiteral("s-box")).geometry.shape, ShapeType::BoundingBox);
        QCOMPARE(objects.value(QStringLiteral("s-rbox")).geometry.theta, 19.5);
        QCOMPARE(objects.value(QStringLiteral("s-poly")).geometry.points.size(), 3);
        QCOMPARE(objects.value(QStringLiteral("s-line")).geometry.shape, ShapeType::Polyline);
        QCOMPARE(objects.value(QStringLiteral("s-point")).geometry.points.constFirst().y, 0.6);
        QCOMPARE(objects.value(QStringLiteral("s-skel")).geometry.points.at(1).name, QStringLiteral("foot"));

        const Geometry mask = objects.value(QStringLiteral("s-mask")).geometry;
        QCOMPARE(mask.shape, ShapeType::Bitmask);
        QCOMPARE(mask.bitmask.width, 512);
        QCOMPARE(mask.bitmask.height, 512);
        QCOMPARE(mask.bitmask.rle, QByteArray("c0`02N2N0O1"));

        const Geometry cube = objects.value(QStringLiteral("s-cube")).geometry;
        QCOMPARE(cube.shape, ShapeType::Cuboid);
        QCOMPARE(cube.cuboid.position[1], 2.0);
        QCOMPARE(cube.cuboid.orientation[2], 1.57);
        QCOMPARE(cube.cuboid.size[0], 4.2);

        const Geometry flat = objects.value(QStringLiteral("s-cube2d")).geometry;
        QCOMPARE(flat.shape, ShapeType::Cuboid2D);
        QCOMPARE(flat.points.size(), 4);
        QCOMPARE(flat.points.at(2).x, 0.3);
        QVERIFY(!flat.backIsOffset);
        QCOMPARE(flat.back.x, 0.8);
        QCOMPARE(flat.scaleRatio, 0.75);
    }

    void rangesAreParsed()
    {
        for (const ModalityCase &c : modalityCases()) {
            if (c.name != QLatin1String("audio") && c.name != QLatin1String("html"))
                continue;
            const LabelRowDocument document = parsed(c.row);
            QHash<QString, Geometry> byHash;
            for (const ObjectAnnotation &object : document.objects())
                byHash.insert(object.objectHash, object.geometry);
            if (c.name == QLatin1String("audio")) {
                QCOMPARE(byHash.value(QStringLiteral("au2")).shape, ShapeType::Audio);
                QCOMPARE(byHash.value(QStringLiteral("au2")).ranges.size(), 2);
                QCOMPARE(byHash.value(QStringLiteral("au2")).ranges.at(1).end, 3100.0);
            } else {
                QCOMPARE(byHash.value(QStringLiteral("ht1")).shape, ShapeType::Text);
                QVERIFY(byHash.value(QStringLiteral("ht1")).htmlRange.is_array());
                QCOMPARE(byHash.value(QStringLiteral("ht2")).ranges.constFirst().start, 40.0);
            }
        }
    }

    void aBadShapeNamesTheField()
    {
        json row = everyShapeRow();
        auto &objects = row["data_units"].begin().value()["labels"]["objects"];
        for (json &object : objects) {
            if (object.at("objectHash") == "s-mask")
                object["bitmask"].erase("rleString");
            if (object.at("objectHash") == "s-cube")
                object["cuboid"]["size"] = json::array({1, 2});
        }
        const Result<LabelRowDocument> document = LabelRowDocument::fromJson(row);
        QVERIFY(!document.ok());
        QVERIFY2(document.error().contains(QStringLiteral("bitmask.rleString")),
                 qPrintable(document.error()));
        objects[6]["bitmask"]["rleString"] = "x";
        const Result<LabelRowDocument> again = LabelRowDocument::fromJson(row);
        QVERIFY(!again.ok());
        QVERIFY2(again.error().contains(QStringLiteral("cuboid.size")), qPrintable(again.error()));
    }

    void everyTypeIsListedWithItsType()
    {
        ModalityProject project;
        Engine engine(project.store(), QStringLiteral("tester"));
        const Result<CopyResult> imported = project.importCases(engine);
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->count, int(modalityCases().size()));
        const auto rows = rowsByDataHash(project.store(), kImported);
        for (const ModalityCase &c : modalityCases()) {
            const LabelRowSummary row =
                rows.value(QString::fromStdString(c.row.at("data_hash").get<std::string>()));
            QCOMPARE(row.dataType, c.unitType);
            QCOMPARE(row.objectCount, c.objects);
            QCOMPARE(row.classCounts, c.classes);
        }
        // The project's data units keep their types too, a type Encord adds later by its name.
        const QHash<QString, DataType> types = unitTypesOf(project.store());
        QCOMPARE(types.size(), modalityCases().size());
        for (const ModalityCase &c : modalityCases())
            QCOMPARE(types.value(caseDataHash(c)), c.unitType);
        QCOMPARE(types.value(modalityUnitHash(int(modalityCases().size()))).labelRowName(),
                 QStringLiteral("point_cloud"));
    }

    void everyTypeComesBackFromExportAsImported()
    {
        ModalityProject project;
        Engine engine(project.store(), QStringLiteral("tester"));
        QVERIFY(project.importCases(engine).ok());
        const QHash<QString, json> exported = exportedRows(engine, kImported);
        for (const ModalityCase &c : modalityCases()) {
            json expected = c.row;
            expected["branch_name"] = kImported.toStdString();
            const json actual =
                exported.value(QString::fromStdString(c.row.at("data_hash").get<std::string>()));
            QVERIFY2(actual == expected,
                     qPrintable(c.name + QStringLiteral(":\n") +
                                QString::fromStdString(json::diff(expected, actual).dump())));
        }
    }

    void everyTypeIsCopiedSyncedComparedReviewedAndUndone()
    {
        ModalityProject project;
        Engine engine(project.store(), QStringLiteral("tester"));
        QVERIFY(project.importCases(engine).ok());
        const QList<LabelRowSummary> before = rowsOn(project.store(), kImported);

        CopyRequest copy;
        copy.sourceBranch = kImported;
        copy.targetBranch = QStringLiteral("copied");
        const Result<CopyResult> copied = engine.copy(copy);
        QVERIFY2(copied.ok(), qPrintable(copied.error()));
        QCOMPARE(copied->count, int(before.size()));
        QVERIFY(engine.snapshot(kImported, QStringLiteral("snap")).ok());

        // Change every row a little on the copy, by importing the rows with one more object answer or frame.
        json changed = json::array();
        for (const ModalityCase &c : modalityCases()) {
            json row = c.row;
            row["label_hash"] = nullptr;
            if (DataType(c.unitType).objectsInAnswers()) {
                json extra = row["object_answers"].begin().value();
                extra["objectHash"] = "extra";
                row["object_answers"]["extra"] = extra;
            } else if (!DataType(c.unitType).isContainer()) {
                json &labels = row["data_units"].begin().value()["labels"];
                json &frame = labels.contains("objects") ? labels : labels.begin().value();
                json extra = frame["objects"][0];
                extra["objectHash"] = "extra";
                frame["objects"].push_back(extra);
            } else {
                row["spaces"]["child-1"]["labels"]["objects"].push_back(
                    row["spaces"]["child-1"]["labels"]["objects"][0]);
            }
            changed.push_back(row);
        }
        QBuffer buffer;
        buffer.setData(QByteArray::fromStdString(changed.dump()));
        buffer.open(QIODevice::ReadOnly);
        LabelRowArrayReader reader(buffer);
        const Result<CopyResult> overwritten = engine.importRows(QStringLiteral("copied"), reader, true);
        QVERIFY2(overwritten.ok(), qPrintable(overwritten.error()));

        const Result<BranchDiff> diff = engine.diff(kImported, QStringLiteral("copied"));
        QVERIFY2(diff.ok(), qPrintable(diff.error()));
        QCOMPARE(diff->entries.size(), before.size());
        for (const DiffEntry &entry : diff->entries) {
            const bool container = entry.dataType.isContainer();
            QVERIFY2(entry.status == (container ? DiffStatus::ChangedSameCount : DiffStatus::CountDiffers),
                     qPrintable(entry.dataTitle));
            QCOMPARE(entry.delta, container ? 0 : 1);
        }

        // A review of the copy against the imported rows: every type is listed, approved and applied, and
        // the applied review is undone exactly.
        ReviewEngine review(engine);
        const Result<ReviewListing> listed = review.list(QStringLiteral("copied"), kImported);
        QVERIFY2(listed.ok(), qPrintable(listed.error()));
        QCOMPARE(listed->items.size(), before.size());
        QStringList approved;
        for (const ReviewItem &item : listed->items)
            approved.append(item.diff.dataHash);
        QVERIFY(review.decide(QStringLiteral("copied"), kImported, approved, ReviewVerdict::Approved).ok());
        const Result<AppliedReview> applied = review.applyApproved(QStringLiteral("copied"), kImported);
        QVERIFY2(applied.ok(), qPrintable(applied.error()));
        QCOMPARE(applied->units.replaced, int(before.size()));
        const auto copiedRows = rowsByDataHash(project.store(), QStringLiteral("copied"));
        for (const LabelRowSummary &row : rowsOn(project.store(), kImported))
            QCOMPARE(row.contentHash, copiedRows.value(row.dataHash).contentHash);
        QVERIFY(engine.undoLast(kImported).ok());
        const QList<LabelRowSummary> unapplied = rowsOn(project.store(), kImported);
        for (qsizetype i = 0; i < unapplied.size(); ++i)
            QCOMPARE(unapplied.at(i).contentHash, before.at(i).contentHash);

        // A sync back writes every changed row; undoing it gives the rows back exactly.
        CopyRequest back;
        back.sourceBranch = QStringLiteral("copied");
        back.targetBranch = kImported;
        const Result<CopyResult> synced = engine.sync(back);
        QVERIFY2(synced.ok(), qPrintable(synced.error()));
        QCOMPARE(synced->count, int(before.size()));
        QVERIFY(engine.undoLast(kImported).ok());
        const QList<LabelRowSummary> after = rowsOn(project.store(), kImported);
        QCOMPARE(after.size(), before.size());
        for (qsizetype i = 0; i < after.size(); ++i) {
            QCOMPARE(after.at(i).contentHash, before.at(i).contentHash);
            QCOMPARE(after.at(i).dataType, before.at(i).dataType);
        }
        const auto snapshot = rowsByDataHash(project.store(), QStringLiteral("snap"));
        for (const LabelRowSummary &row : before)
            QCOMPARE(snapshot.value(row.dataHash).contentHash, row.contentHash);
    }
};

QTEST_GUILESS_MAIN(TestModalities)
#include "tst_modalities.moc"
