#include "domain/dataunit.h"
#include "domain/labelrowdocument.h"
#include "domain/ontology.h"
#include "testsupport.h"

#include <functional>
#include <QtTest>

using lb::LabelRowDocument;
using nlohmann::json;

namespace {

QByteArray fixture(const char *name)
{
    return lb::test::readFile(QStringLiteral(LB_TEST_DATA_DIR "/") + QString::fromLatin1(name));
}

json fixtureJson(const char *name)
{
    const QByteArray bytes = fixture(name);
    return json::parse(bytes.constBegin(), bytes.constEnd());
}

LabelRowDocument parse(const json &row)
{
    auto result = LabelRowDocument::fromJson(row);
    if (!result)
        qFatal("unexpected parse failure: %s", qPrintable(result.error()));
    return result.value();
}

QByteArray bytesOf(const json &value)
{
    const std::string text = value.dump();
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

const lb::ObjectAnnotation *findObject(const LabelRowDocument &doc, const QString &hash, int frame = -1)
{
    for (const lb::ObjectAnnotation &object : doc.objects()) {
        if (object.objectHash == hash && (frame < 0 || object.frame == frame))
            return &object;
    }
    return nullptr;
}

// The same document with every object's keys written in reverse order.
nlohmann::ordered_json reversedKeys(const json &value)
{
    if (value.is_object()) {
        std::vector<std::string> keys;
        for (auto it = value.begin(); it != value.end(); ++it)
            keys.push_back(it.key());
        nlohmann::ordered_json out = nlohmann::ordered_json::object();
        for (auto it = keys.rbegin(); it != keys.rend(); ++it)
            out[*it] = reversedKeys(value.at(*it));
        return out;
    }
    if (value.is_array()) {
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (const json &element : value)
            out.push_back(reversedKeys(element));
        return out;
    }
    return nlohmann::ordered_json::parse(value.dump());
}

// Integers become floats (1 -> 1.0) and integral floats become integers (1.0 -> 1), everywhere.
void respellNumbers(json &value)
{
    if (value.is_object() || value.is_array()) {
        for (json &element : value)
            respellNumbers(element);
    } else if (value.is_number_integer()) {
        value = static_cast<double>(value.get<std::int64_t>());
    } else if (value.is_number_float()) {
        const double d = value.get<double>();
        if (d == static_cast<double>(static_cast<std::int64_t>(d)))
            value = static_cast<std::int64_t>(d);
    }
}

bool isLowerHexSha256(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9a-f]{64}$"));
    return pattern.match(text).hasMatch();
}

} // namespace

class TestLabelRowDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void imageExample()
    {
        auto result = LabelRowDocument::fromBytes(fixture("encord_image_row.json"));
        QVERIFY2(result.ok(), qPrintable(result.error()));
        const LabelRowDocument &doc = result.value();
        QCOMPARE(doc.labelHash(), QStringLiteral("11111111-1111-4111-8111-111111111111"));
        QCOMPARE(doc.branchName(), QStringLiteral("review-branch"));
        QCOMPARE(doc.dataHash(), QStringLiteral("aaaaaaaa-0000-4000-8000-00000000000a"));
        QCOMPARE(doc.dataTitle(), QStringLiteral("cat.jpg"));
        QCOMPARE(doc.dataType(), lb::DataType::Image);
        QCOMPARE(doc.labelStatus(), QStringLiteral("LABEL_IN_PROGRESS"));
        QCOMPARE(doc.datasetHash(), QStringLiteral("dddddddd-0000-4000-8000-00000000000d"));
        QCOMPARE(doc.datasetTitle(), QStringLiteral("DS"));
        QCOMPARE(doc.createdAt(), QDateTime(QDate(2025, 1, 1), QTime(10, 0), Qt::UTC));
        QCOMPARE(doc.lastEditedAt(), QDateTime(QDate(2025, 1, 2), QTime(11, 0), Qt::UTC));
        QCOMPARE(doc.width(), 640);
        QCOMPARE(doc.height(), 480);
        QCOMPARE(doc.frameCount(), 1);

        QCOMPARE(doc.objectInstanceCount(), 2);
        QCOMPARE(doc.objects().size(), 2);
        const QHash<QString, int> expectedClasses{{QStringLiteral("qWm5E3j4"), 1},
                                                  {QStringLiteral("no8RyWRY"), 1}};
        QCOMPARE(doc.classCounts(), expectedClasses);
        QCOMPARE(doc.classificationCount(), 1);

        const lb::ObjectAnnotation *pear = findObject(doc, QStringLiteral("hI7jK9lM"));
        QVERIFY(pear);
        QCOMPARE(pear->name, QStringLiteral("Pear"));
        QCOMPARE(pear->color, QStringLiteral("#E27300"));
        QCOMPARE(pear->featureHash, QStringLiteral("no8RyWRY"));
        QCOMPARE(pear->frame, 0);
        QCOMPARE(pear->dataUnitHash, QStringLiteral("aaaaaaaa-0000-4000-8000-00000000000a"));
        QCOMPARE(pear->confidence, 0.87);
        QCOMPARE(pear->manualAnnotation, false);
        QCOMPARE(pear->createdBy, QStringLiteral("ann@example.com"));
        QCOMPARE(pear->geometry.shape, lb::ShapeType::BoundingBox);
        QCOMPARE(pear->geometry.x, 0.6);
        QCOMPARE(pear->geometry.y, 0.1);
        QCOMPARE(pear->geometry.w, 0.12);
        QCOMPARE(pear->geometry.h, 0.15);
        QVERIFY(pear->attributes.is_array());
        QVERIFY(pear->attributes.empty());

        QCOMPARE(doc.classifications().size(), 1);
        const lb::ClassificationAnnotation &hotDog = doc.classifications().first();
        QCOMPARE(hotDog.classificationHash, QStringLiteral("nO1pQ3rS"));
        QCOMPARE(hotDog.featureHash, QStringLiteral("4BjoumKd"));
        QCOMPARE(hotDog.name, QStringLiteral("hot dog"));
        QCOMPARE(hotDog.frame, 0);
        QVERIFY(hotDog.answers.is_array());
        QCOMPARE(hotDog.answers.at(0).at("answers").at(0).at("featureHash").get<std::string>(),
                 std::string("MpKwvogL"));

        QVERIFY(isLowerHexSha256(doc.contentHash()));
        // The original JSON is kept as it was.
        QCOMPARE(doc.json().at("annotation_task_status").get<std::string>(), std::string("ASSIGNED"));
        QCOMPARE(doc.json(), fixtureJson("encord_image_row.json"));
    }

    void videoExample()
    {
        auto result = LabelRowDocument::fromBytes(fixture("encord_video_row.json"));
        QVERIFY2(result.ok(), qPrintable(result.error()));
        const LabelRowDocument &doc = result.value();
        QCOMPARE(doc.dataType(), lb::DataType::Video);
        QCOMPARE(doc.objectInstanceCount(), 2);
        QCOMPARE(doc.objects().size(), 4); // four frame entries
        QCOMPARE(doc.frameCount(), 3);
        QCOMPARE(doc.width(), 1280);
        QCOMPARE(doc.height(), 720);
        QCOMPARE(doc.createdAt(), QDateTime(QDate(2025, 1, 3), QTime(9, 0), Qt::UTC));

        QList<int> appleFrames, pearFrames;
        for (const lb::ObjectAnnotation &object : doc.objects()) {
            if (object.objectHash == QLatin1String("DRIx7nRr"))
                appleFrames.append(object.frame);
            else if (object.objectHash == QLatin1String("7C3NBNYu"))
                pearFrames.append(object.frame);
        }
        QCOMPARE(appleFrames, (QList<int>{0, 1, 2}));
        QCOMPARE(pearFrames, (QList<int>{1}));
        QCOMPARE(findObject(doc, QStringLiteral("DRIx7nRr"), 1)->geometry.x, 0.12);
        QCOMPARE(findObject(doc, QStringLiteral("DRIx7nRr"), 2)->geometry.x, 0.14);
        QCOMPARE(findObject(doc, QStringLiteral("7C3NBNYu"), 1)->confidence, 0.9);

        const QHash<QString, int> expectedClasses{{QStringLiteral("qWm5E3j4"), 1},
                                                  {QStringLiteral("no8RyWRY"), 1}};
        QCOMPARE(doc.classCounts(), expectedClasses);
        QCOMPARE(doc.classifications().size(), 3); // on frames 0, 1, 2
        QCOMPARE(doc.classificationCount(), 1);
    }

    void videoFramesAreOrderedNumerically()
    {
        json row = fixtureJson("encord_video_row.json");
        json &labels = row["data_units"]["bbbbbbbb-0000-4000-8000-00000000000b"]["labels"];
        labels["10"] = labels["2"];
        labels.erase("2");
        const LabelRowDocument doc = parse(row);
        QCOMPARE(doc.frameCount(), 11);
        QCOMPARE(doc.objects().last().frame, 10);
        QCOMPARE(doc.objects().first().frame, 0);
    }

    void imageGroup()
    {
        auto result = LabelRowDocument::fromBytes(fixture("image_group_row.json"));
        QVERIFY2(result.ok(), qPrintable(result.error()));
        const LabelRowDocument &doc = result.value();
        QCOMPARE(doc.dataType(), lb::DataType::ImageGroup);
        QCOMPARE(doc.frameCount(), 3);
        QCOMPARE(doc.width(), 800); // the unit with data_sequence "0"
        QCOMPARE(doc.height(), 600);
        QCOMPARE(doc.objects().size(), 4);
        QCOMPARE(doc.objectInstanceCount(), 3); // grpA0001 is on two images
        const QHash<QString, int> expectedClasses{{QStringLiteral("qWm5E3j4"), 2},
                                                  {QStringLiteral("no8RyWRY"), 1}};
        QCOMPARE(doc.classCounts(), expectedClasses);
        QCOMPARE(doc.classificationCount(), 1);
        QCOMPARE(doc.classifications().first().frame, 2);
        QVERIFY(!doc.lastEditedAt().isValid());
        QCOMPARE(doc.createdAt(), QDateTime(QDate(2025, 2, 1), QTime(12, 0), Qt::UTC));

        // Frames follow data_sequence, not the order of the data unit keys.
        QList<int> frames;
        for (const lb::ObjectAnnotation &object : doc.objects())
            frames.append(object.frame);
        QCOMPARE(frames, (QList<int>{0, 1, 1, 2}));
        const lb::ObjectAnnotation *onA = findObject(doc, QStringLiteral("grpC0002"));
        QCOMPARE(onA->dataUnitHash, QStringLiteral("c0000000-0000-4000-8000-000000000003"));
        QCOMPARE(onA->frame, 0);
        QCOMPARE(onA->confidence, 1.0); // "None" in the file
        QCOMPARE(onA->manualAnnotation, false);
        QCOMPARE(findObject(doc, QStringLiteral("grpA0001"), 2)->geometry.x, 0.2);

        // "image_group" is accepted as well and means the same.
        json row = fixtureJson("image_group_row.json");
        row["data_type"] = "image_group";
        const LabelRowDocument other = parse(row);
        QCOMPARE(other.dataType(), lb::DataType::ImageGroup);
        QCOMPARE(other.objectInstanceCount(), 3);
        QCOMPARE(other.contentHash(), doc.contentHash());
    }

    void everyGeometryType()
    {
        auto result = LabelRowDocument::fromBytes(fixture("geometry_image_row.json"));
        QVERIFY2(result.ok(), qPrintable(result.error()));
        const LabelRowDocument &doc = result.value();
        QCOMPARE(doc.width(), 1920); // "1920" as a string in the file
        QCOMPARE(doc.height(), 1080);
        QCOMPARE(doc.labelStatus(), QString()); // null
        QCOMPARE(doc.createdAt(), QDateTime(QDate(2025, 1, 6), QTime(8, 0, 0, 123), Qt::UTC));
        QCOMPARE(doc.lastEditedAt(), QDateTime(QDate(2025, 1, 6), QTime(8, 10), Qt::UTC));

        // 8 objects on the image; the object in "spaces" and the orphan answer are not counted,
        // the deleted box is.
        QCOMPARE(doc.objectInstanceCount(), 8);
        QCOMPARE(doc.classCounts().value(QStringLiteral("fLane001")), 2);
        QCOMPARE(doc.classCounts().value(QStringLiteral("fCar0001")), 1);
        QVERIFY(!findObject(doc, QStringLiteral("spaceobj")));
        QVERIFY(!findObject(doc, QStringLiteral("orphan01")));

        const lb::Geometry box = findObject(doc, QStringLiteral("box00001"))->geometry;
        QCOMPARE(box.shape, lb::ShapeType::BoundingBox);
        QCOMPARE(box.x, 0.125);
        QCOMPARE(box.y, 0.375);
        QCOMPARE(box.w, 0.5);
        QCOMPARE(box.h, 0.25);

        const lb::Geometry rbox = findObject(doc, QStringLiteral("rbox0001"))->geometry;
        QCOMPARE(rbox.shape, lb::ShapeType::RotatableBoundingBox);
        QCOMPARE(rbox.x, 0.4);
        QCOMPARE(rbox.y, 0.45);
        QCOMPARE(rbox.w, 0.3);
        QCOMPARE(rbox.h, 0.2);
        QCOMPARE(rbox.theta, 19.2854);

        const lb::Geometry polygon = findObject(doc, QStringLiteral("poly0001"))->geometry;
        QCOMPARE(polygon.shape, lb::ShapeType::Polygon);
        QCOMPARE(polygon.points.size(), 11);
        for (int i = 0; i < 11; ++i) { // "10" comes after "9", not after "1"
            QCOMPARE(polygon.points.at(i).x, std::round((0.1 + 0.05 * i) * 1e4) / 1e4);
            QCOMPARE(polygon.points.at(i).y, std::round((0.2 + 0.01 * i) * 1e4) / 1e4);
        }

        const lb::Geometry ring = findObject(doc, QStringLiteral("poly0002"))->geometry;
        QCOMPARE(ring.shape, lb::ShapeType::Polygon);
        QCOMPARE(ring.points.size(), 4); // outer ring of the first polygon only
        QCOMPARE(ring.points.at(0).x, 0.5);
        QCOMPARE(ring.points.at(2).x, 0.6);
        QCOMPARE(ring.points.at(3).y, 0.6);

        const lb::Geometry line = findObject(doc, QStringLiteral("line0001"))->geometry;
        QCOMPARE(line.shape, lb::ShapeType::Polyline);
        QCOMPARE(line.points.size(), 3);
        QCOMPARE(line.points.at(0).x, 0.0);
        QCOMPARE(line.points.at(0).y, 1.0);
        QCOMPARE(line.points.at(1).y, 0.75);
        QCOMPARE(line.points.at(2).x, 1.0);

        const lb::Geometry point = findObject(doc, QStringLiteral("pnt00001"))->geometry;
        QCOMPARE(point.shape, lb::ShapeType::Point);
        QCOMPARE(point.points.size(), 1);
        QCOMPARE(point.points.at(0).x, 0.33);
        QCOMPARE(point.points.at(0).y, 0.66);

        const lb::Geometry skeleton = findObject(doc, QStringLiteral("skel0001"))->geometry;
        QCOMPARE(skeleton.shape, lb::ShapeType::Skeleton);
        QCOMPARE(skeleton.points.size(), 3);
        QCOMPARE(skeleton.points.at(0).name, QStringLiteral("head"));
        QCOMPARE(skeleton.points.at(1).name, QStringLiteral("hip"));
        QCOMPARE(skeleton.points.at(2).name, QStringLiteral("knee"));
        QCOMPARE(skeleton.points.at(2).x, 0.45);
        QCOMPARE(skeleton.points.at(2).y, 0.5);

        const lb::ObjectAnnotation *mask = findObject(doc, QStringLiteral("mask0001"));
        QCOMPARE(mask->geometry.shape, lb::ShapeType::Bitmask);
        QVERIFY(mask->geometry.points.isEmpty());
        QCOMPARE(mask->geometry.bitmask.width, 1920);
        QCOMPARE(mask->geometry.bitmask.height, 1080);
        QCOMPARE(mask->geometry.bitmask.rle, QByteArray("abc"));

        // Attributes come from object_answers.
        const json &attributes = findObject(doc, QStringLiteral("box00001"))->attributes;
        QCOMPARE(attributes.size(), std::size_t(1));
        QCOMPARE(attributes.at(0).at("name").get<std::string>(), std::string("occluded"));

        // A global classification lives only in classification_answers.
        QCOMPARE(doc.classificationCount(), 1);
        QCOMPARE(doc.classifications().first().classificationHash, QStringLiteral("glob0001"));
        QCOMPARE(doc.classifications().first().featureHash, QStringLiteral("cWeather"));
        QCOMPARE(doc.classifications().first().name, QStringLiteral("weather"));
    }

    void shapeNames()
    {
        for (lb::ShapeType shape :
             {lb::ShapeType::BoundingBox, lb::ShapeType::RotatableBoundingBox, lb::ShapeType::Polygon,
              lb::ShapeType::Polyline, lb::ShapeType::Point, lb::ShapeType::Skeleton, lb::ShapeType::Bitmask,
              lb::ShapeType::Cuboid, lb::ShapeType::Cuboid2D, lb::ShapeType::Audio, lb::ShapeType::Text})
            QCOMPARE(lb::parseShapeType(lb::shapeTypeName(shape)), shape);
        QCOMPARE(lb::shapeTypeName(lb::ShapeType::RotatableBoundingBox),
                 QStringLiteral("rotatable_bounding_box"));
        QCOMPARE(lb::shapeTypeName(lb::ShapeType::Cuboid2D), QStringLiteral("cuboid_2d"));
        QCOMPARE(lb::parseShapeType(QStringLiteral("segmentation")), lb::ShapeType::Other);
    }

    void missingShapeIsInferredFromGeometry()
    {
        json row = fixtureJson("encord_image_row.json");
        row["data_units"]["aaaaaaaa-0000-4000-8000-00000000000a"]["labels"]["objects"][0].erase("shape");
        const LabelRowDocument doc = parse(row);
        QCOMPARE(findObject(doc, QStringLiteral("aB3dE5fG"))->geometry.shape, lb::ShapeType::BoundingBox);
        QCOMPARE(findObject(doc, QStringLiteral("aB3dE5fG"))->geometry.x, 0.3);
    }

    void toleratesWhatEncordTolerates()
    {
        json row = fixtureJson("encord_image_row.json");
        row["label_status"] = nullptr;
        row["created_at"] = nullptr;
        row["last_edited_at"] = "None";
        row.erase("branch_name");
        row.erase("object_answers");
        row.erase("object_actions");
        row.erase("annotation_task_status");
        row.erase("dataset_title");
        json &unit = row["data_units"]["aaaaaaaa-0000-4000-8000-00000000000a"];
        unit["width"] = "None";
        unit["height"] = nullptr;
        unit.erase("data_sequence");
        json &object = unit["labels"]["objects"][0];
        object["confidence"] = nullptr;
        object.erase("manualAnnotation");
        object.erase("createdBy");
        object["createdAt"] = nullptr;

        auto result = LabelRowDocument::fromJson(row);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        const LabelRowDocument &doc = result.value();
        QCOMPARE(doc.labelStatus(), QString());
        QCOMPARE(doc.branchName(), QStringLiteral("main"));
        QVERIFY(!doc.createdAt().isValid());
        QVERIFY(!doc.lastEditedAt().isValid());
        QCOMPARE(doc.width(), 0);
        QCOMPARE(doc.height(), 0);
        QCOMPARE(doc.objectInstanceCount(), 2);
        const lb::ObjectAnnotation *apple = findObject(doc, QStringLiteral("aB3dE5fG"));
        QCOMPARE(apple->confidence, 1.0);
        QCOMPARE(apple->manualAnnotation, true);
        QVERIFY(apple->attributes.is_null());
    }

    void emptyRowCountsZero()
    {
        json row = fixtureJson("encord_video_row.json");
        row["data_units"]["bbbbbbbb-0000-4000-8000-00000000000b"]["labels"] = json::object();
        row["object_answers"] = json::object();
        row["classification_answers"] = json::object();
        const LabelRowDocument doc = parse(row);
        QCOMPARE(doc.objectInstanceCount(), 0);
        QCOMPARE(doc.classificationCount(), 0);
        QVERIFY(doc.classCounts().isEmpty());
        QCOMPARE(doc.frameCount(), 1);
        QVERIFY(isLowerHexSha256(doc.contentHash()));
    }

    // --- content hash ---------------------------------------------------------------------------------

    void contentHashIgnoresKeyOrder()
    {
        for (const char *name :
             {"encord_image_row.json", "encord_video_row.json", "geometry_image_row.json"}) {
            const json row = fixtureJson(name);
            const std::string reversed = reversedKeys(row).dump();
            QVERIFY(reversed != row.dump()); // the text really differs
            auto other = LabelRowDocument::fromBytes(QByteArray::fromStdString(reversed));
            QVERIFY2(other.ok(), qPrintable(other.error()));
            QCOMPARE(other->contentHash(), parse(row).contentHash());
        }
    }

    void contentHashIgnoresNumberSpelling()
    {
        for (const char *name :
             {"encord_image_row.json", "encord_video_row.json", "geometry_image_row.json"}) {
            json row = fixtureJson(name);
            const QString original = parse(row).contentHash();
            respellNumbers(row);
            QCOMPARE(parse(row).contentHash(), original);
        }
        // Exponent spelling in the text itself.
        QByteArray text = fixture("encord_image_row.json");
        const QString original = LabelRowDocument::fromBytes(text)->contentHash();
        QVERIFY(text.contains("\"h\": 0.2,"));
        text.replace("\"h\": 0.2,", "\"h\": 2.000e-1,");
        text.replace("\"confidence\": 1,", "\"confidence\": 1.0,");
        auto respelled = LabelRowDocument::fromBytes(text);
        QVERIFY2(respelled.ok(), qPrintable(respelled.error()));
        QCOMPARE(respelled->contentHash(), original);
    }

    void contentHashIgnoresMetadataAndTimestamps()
    {
        const json original = fixtureJson("encord_video_row.json");
        const QString hash = parse(original).contentHash();
        json row = original;
        row["label_hash"] = "99999999-9999-4999-8999-999999999999";
        row["branch_name"] = "elsewhere";
        row["dataset_hash"] = "x";
        row["dataset_title"] = "another dataset";
        row["created_at"] = "2030-01-01 00:00:00";
        row["last_edited_at"] = nullptr;
        row["label_status"] = "REVIEWED";
        row["annotation_task_status"] = "COMPLETED";
        json &unit = row["data_units"]["bbbbbbbb-0000-4000-8000-00000000000b"];
        unit["data_link"] = "https://other.example/clip.mp4";
        for (auto &frame : unit["labels"]) {
            for (auto &object : frame["objects"]) {
                object["createdAt"] = "Sat, 01 Mar 2025 10:00:00 UTC";
                object["lastEditedAt"] = "Sat, 01 Mar 2025 10:00:01 UTC";
            }
            for (auto &classification : frame["classifications"])
                classification.erase("lastEditedAt");
        }
        row["classification_answers"]["hkp+zgC/"]["createdAt"] = "Sun, 02 Mar 2025 10:00:00 UTC";
        row["classification_answers"]["hkp+zgC/"].erase("lastEditedAt");
        QCOMPARE(parse(row).contentHash(), hash);
    }

    void contentHashIgnoresObjectOrderWithinFrame()
    {
        json row = fixtureJson("encord_video_row.json");
        const QString hash = parse(row).contentHash();
        json &objects = row["data_units"]["bbbbbbbb-0000-4000-8000-00000000000b"]["labels"]["1"]["objects"];
        std::swap(objects[0], objects[1]);
        QCOMPARE(parse(row).contentHash(), hash);

        json image = fixtureJson("geometry_image_row.json");
        const QString imageHash = parse(image).contentHash();
        json &imageObjects = image["data_units"]["cccccccc-0000-4000-8000-00000000000c"]["labels"]["objects"];
        std::reverse(imageObjects.begin(), imageObjects.end());
        QCOMPARE(parse(image).contentHash(), imageHash);
    }

    void contentHashTreatsEmptyContainersAsAbsent()
    {
        // Encord creates rows with "labels": {} and answer entries with empty lists; the SDK re-saves them
        // with empty lists. No labels either way.
        json row = fixtureJson("encord_image_row.json");
        const QString hash = parse(row).contentHash();
        row.erase("object_actions");
        row["object_answers"] = json::object(); // both entries had empty lists
        QCOMPARE(parse(row).contentHash(), hash);

        json video = fixtureJson("encord_video_row.json");
        const QString videoHash = parse(video).contentHash();
        video["data_units"]["bbbbbbbb-0000-4000-8000-00000000000b"]["labels"]["7"] =
            json{{"objects", json::array()}, {"classifications", json::array()}};
        QCOMPARE(parse(video).contentHash(), videoHash);
    }

    void contentHashChangesWithLabels_data()
    {
        QTest::addColumn<QString>("fixtureName");
        QTest::addColumn<QString>("change");
        const QString image = QStringLiteral("encord_image_row.json");
        const QString video = QStringLiteral("encord_video_row.json");
        const QString geometry = QStringLiteral("geometry_image_row.json");
        for (const char *change :
             {"box moved by 0.001", "box resized by 0.001", "class changed", "attribute answer changed",
              "confidence changed", "object removed", "classification answer changed",
              "classification removed", "manual flag changed"})
            QTest::newRow(change) << image << QString::fromLatin1(change);
        for (const char *change : {"object moved to another frame", "video box moved", "frame dropped"})
            QTest::newRow(change) << video << QString::fromLatin1(change);
        for (const char *change : {"polygon point moved", "skeleton node moved", "rotation changed",
                                   "object attribute added", "polyline point removed"})
            QTest::newRow(change) << geometry << QString::fromLatin1(change);
    }

    void contentHashChangesWithLabels()
    {
        QFETCH(QString, fixtureName);
        QFETCH(QString, change);
        json row = fixtureJson(fixtureName.toLatin1().constData());
        const QString before = parse(row).contentHash();

        auto imageObjects = [&]() -> json & {
            return row["data_units"]["aaaaaaaa-0000-4000-8000-00000000000a"]["labels"]["objects"];
        };
        auto videoLabels = [&]() -> json & {
            return row["data_units"]["bbbbbbbb-0000-4000-8000-00000000000b"]["labels"];
        };
        auto geometryObject = [&](const char *hash) -> json & {
            for (json &object :
                 row["data_units"]["cccccccc-0000-4000-8000-00000000000c"]["labels"]["objects"]) {
                if (object["objectHash"] == hash)
                    return object;
            }
            qFatal("no such object");
        };

        if (change == QLatin1String("box moved by 0.001"))
            imageObjects()[0]["boundingBox"]["x"] = 0.301;
        else if (change == QLatin1String("box resized by 0.001"))
            imageObjects()[1]["boundingBox"]["w"] = 0.121;
        else if (change == QLatin1String("class changed"))
            imageObjects()[0]["featureHash"] = "no8RyWRY";
        else if (change == QLatin1String("attribute answer changed"))
            row["object_answers"]["aB3dE5fG"]["classifications"] = json::parse(
                R"([{"name":"ripe","value":"ripe","answers":[{"name":"yes","value":"yes","featureHash":"y1"}],"featureHash":"r1","manualAnnotation":true}])");
        else if (change == QLatin1String("confidence changed"))
            imageObjects()[1]["confidence"] = 0.88;
        else if (change == QLatin1String("object removed"))
            imageObjects().erase(1);
        else if (change == QLatin1String("classification answer changed"))
            row["classification_answers"]["nO1pQ3rS"]["classifications"][0]["answers"][0]["featureHash"] =
                "8fjrfCJy";
        else if (change == QLatin1String("classification removed"))
            row["data_units"]["aaaaaaaa-0000-4000-8000-00000000000a"]["labels"]["classifications"] =
                json::array();
        else if (change == QLatin1String("manual flag changed"))
            imageObjects()[0]["manualAnnotation"] = false;
        else if (change == QLatin1String("object moved to another frame")) {
            videoLabels()["0"]["objects"].push_back(videoLabels()["1"]["objects"][1]);
            videoLabels()["1"]["objects"].erase(1);
        } else if (change == QLatin1String("video box moved"))
            videoLabels()["2"]["objects"][0]["boundingBox"]["y"] = 0.501;
        else if (change == QLatin1String("frame dropped"))
            videoLabels().erase("2");
        else if (change == QLatin1String("polygon point moved")) {
            geometryObject("poly0001")["polygon"]["10"]["x"] = 0.601;
        } else if (change == QLatin1String("skeleton node moved"))
            geometryObject("skel0001")["skeleton"]["1"]["y"] = 0.301;
        else if (change == QLatin1String("rotation changed"))
            geometryObject("rbox0001")["rotatableBoundingBox"]["theta"] = 20.0;
        else if (change == QLatin1String("object attribute added"))
            row["object_answers"]["pnt00001"]["classifications"] = json::parse(
                R"([{"name":"kind","value":"kind","answers":"stop","featureHash":"k1","manualAnnotation":true}])");
        else if (change == QLatin1String("polyline point removed"))
            geometryObject("line0001")["polyline"].erase(2);
        else
            QFAIL("unknown change");

        auto changed = LabelRowDocument::fromJson(row);
        QVERIFY2(changed.ok(), qPrintable(changed.error()));
        QVERIFY(changed->contentHash() != before);
    }

    void contentHashIsStableAcrossParses()
    {
        const QString a = LabelRowDocument::fromBytes(fixture("encord_video_row.json"))->contentHash();
        const QString b = LabelRowDocument::fromBytes(fixture("encord_video_row.json"))->contentHash();
        QCOMPARE(a, b);
        QVERIFY(a != LabelRowDocument::fromBytes(fixture("encord_image_row.json"))->contentHash());
    }

    // --- errors --------------------------------------------------------------------------------------

    void arrayParsingErrors_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QStringList>("expectedParts");

        QTest::newRow("malformed") << QByteArray("[{\"data_hash\": \"x\",, }]")
                                   << QStringList{QStringLiteral("invalid JSON at byte 20: ")};
        QTest::newRow("truncated") << fixture("encord_image_row.json").prepend("[").left(300)
                                   << QStringList{QStringLiteral("invalid JSON at byte 301: "),
                                                  QStringLiteral("unexpected end of input")};
        QTest::newRow("empty") << QByteArray() << QStringList{QStringLiteral("invalid JSON at byte 1: ")};
        QTest::newRow("not an array") << fixture("encord_image_row.json")
                                      << QStringList{QStringLiteral("expected a JSON array of label rows"),
                                                     QStringLiteral("top-level value is an object")};
        QTest::newRow("row not an object")
            << QByteArray("[42]")
            << QStringList{QStringLiteral("row 1: must be a JSON object"), QStringLiteral("not a number")};
    }

    void arrayParsingErrors()
    {
        QFETCH(QByteArray, input);
        QFETCH(QStringList, expectedParts);
        auto result = LabelRowDocument::arrayFromBytes(input);
        QVERIFY(!result.ok());
        for (const QString &part : expectedParts)
            QVERIFY2(result.error().contains(part), qPrintable(result.error()));
    }

    void rowErrorsNameRowAndField_data()
    {
        QTest::addColumn<QString>("mutation");
        QTest::addColumn<QString>("expected");

        QTest::newRow("data_units wrong type")
            << QStringLiteral("data_units array")
            << QStringLiteral("row 2 (\"cat.jpg\"): field \"data_units\" must be an object");
        QTest::newRow("data_units missing")
            << QStringLiteral("data_units missing")
            << QStringLiteral("row 2 (\"cat.jpg\"): field \"data_units\" is missing");
        QTest::newRow("no data_hash")
            << QStringLiteral("data_hash missing")
            << QStringLiteral("row 2 (\"cat.jpg\"): field \"data_hash\" is missing");
        QTest::newRow("data_hash number")
            << QStringLiteral("data_hash number")
            << QStringLiteral("row 2 (\"cat.jpg\"): field \"data_hash\" must be a string");
        QTest::newRow("no title, no objectHash")
            << QStringLiteral("objectHash missing")
            << QStringLiteral("row 2 (data_hash aaaaaaaa\u2026): object 2 on frame 0 has no \"objectHash\"");
        QTest::newRow("no featureHash")
            << QStringLiteral("featureHash missing")
            << QStringLiteral(
                   "row 2 (\"cat.jpg\"): object 1 (\"aB3dE5fG\") on frame 0 has no \"featureHash\"");
        QTest::newRow("box wrong type") << QStringLiteral("boundingBox array")
                                        << QStringLiteral("row 2 (\"cat.jpg\"): object 1 (\"aB3dE5fG\") on "
                                                          "frame 0: field \"boundingBox\" must be an object");
        QTest::newRow("box coordinate string")
            << QStringLiteral("boundingBox.x string")
            << QStringLiteral("row 2 (\"cat.jpg\"): object 1 (\"aB3dE5fG\") on frame 0: field "
                              "\"boundingBox.x\" must be a number");
        QTest::newRow("box missing") << QStringLiteral("boundingBox missing")
                                     << QStringLiteral(
                                            "row 2 (\"cat.jpg\"): object 1 (\"aB3dE5fG\") on frame 0: shape "
                                            "\"bounding_box\" needs field \"boundingBox\"");
        QTest::newRow("polygon wrong type")
            << QStringLiteral("polygon string")
            << QStringLiteral("object 1 (\"aB3dE5fG\") on frame 0: field \"polygon\" must be an object of "
                              "points or an array");
        QTest::newRow("objects not a list")
            << QStringLiteral("objects object")
            << QStringLiteral("row 2 (\"cat.jpg\"): frame 0: field \"objects\" must be an array");
        QTest::newRow("object not an object")
            << QStringLiteral("object string")
            << QStringLiteral("row 2 (\"cat.jpg\"): object 1 on frame 0 must be an object");
        QTest::newRow("empty data type")
            << QStringLiteral("data_type empty")
            << QStringLiteral("row 2 (\"cat.jpg\"): field \"data_type\" must not be empty");
        QTest::newRow("missing data type")
            << QStringLiteral("data_type missing")
            << QStringLiteral("row 2 (\"cat.jpg\"): field \"data_type\" is missing");
        QTest::newRow("labels wrong type")
            << QStringLiteral("labels array")
            << QStringLiteral(
                   "row 2 (\"cat.jpg\"): data unit \"aaaaaaaa\u2026\": field \"labels\" must be an object");
        QTest::newRow("data unit wrong type")
            << QStringLiteral("unit string")
            << QStringLiteral("row 2 (\"cat.jpg\"): data unit \"aaaaaaaa\u2026\" must be an object");
        QTest::newRow("width not a number")
            << QStringLiteral("width text")
            << QStringLiteral(
                   "row 2 (\"cat.jpg\"): data unit \"aaaaaaaa\u2026\": field \"width\" must be a number");
        QTest::newRow("classification without hash")
            << QStringLiteral("classificationHash missing")
            << QStringLiteral(
                   "row 2 (\"cat.jpg\"): classification 1 on frame 0 has no \"classificationHash\"");
        QTest::newRow("created_at number")
            << QStringLiteral("created_at number")
            << QStringLiteral("row 2 (\"cat.jpg\"): field \"created_at\" must be a date string or null");
        QTest::newRow("object_answers array")
            << QStringLiteral("object_answers array")
            << QStringLiteral("row 2 (\"cat.jpg\"): field \"object_answers\" must be an object");
        QTest::newRow("title number")
            << QStringLiteral("data_title number")
            << QStringLiteral("row 2 (data_hash aaaaaaaa\u2026): field \"data_title\" must be a string");
        QTest::newRow("confidence text") << QStringLiteral("confidence text")
                                         << QStringLiteral("row 2 (\"cat.jpg\"): object 2 (\"hI7jK9lM\") on "
                                                           "frame 0: field \"confidence\" must be a number");
        QTest::newRow("video frame key")
            << QStringLiteral("video frame key")
            << QStringLiteral("row 2 (\"clip.mp4\"): data unit \"bbbbbbbb\u2026\": frame key \"first\"");
        QTest::newRow("video frame object hash")
            << QStringLiteral("video objectHash missing")
            << QStringLiteral("row 2 (\"clip.mp4\"): object 2 on frame 1 has no \"objectHash\"");
        QTest::newRow("group without data_sequence")
            << QStringLiteral("group data_sequence missing")
            << QStringLiteral(
                   "row 2 (\"burst-01\"): data unit \"a0000000\u2026\": field \"data_sequence\" is missing");
    }

    void rowErrorsNameRowAndField()
    {
        QFETCH(QString, mutation);
        QFETCH(QString, expected);

        json row = fixtureJson("encord_image_row.json");
        json &unit = row["data_units"]["aaaaaaaa-0000-4000-8000-00000000000a"];
        json &objects = unit["labels"]["objects"];
        const std::string m = mutation.toStdString();
        if (m == "data_units array")
            row["data_units"] = json::array();
        else if (m == "data_units missing")
            row.erase("data_units");
        else if (m == "data_hash missing")
            row.erase("data_hash");
        else if (m == "data_hash number")
            row["data_hash"] = 17;
        else if (m == "objectHash missing") {
            row.erase("data_title");
            objects[1].erase("objectHash");
        } else if (m == "featureHash missing")
            objects[0].erase("featureHash");
        else if (m == "boundingBox array")
            objects[0]["boundingBox"] = json::array({0.1, 0.2});
        else if (m == "boundingBox.x string")
            objects[0]["boundingBox"]["x"] = "0.3";
        else if (m == "boundingBox missing")
            objects[0].erase("boundingBox");
        else if (m == "polygon string") {
            objects[0]["shape"] = "polygon";
            objects[0]["polygon"] = "0.1,0.2";
        } else if (m == "objects object")
            unit["labels"]["objects"] = json::object();
        else if (m == "object string")
            objects[0] = "apple";
        else if (m == "data_type empty")
            row["data_type"] = "";
        else if (m == "data_type missing")
            row.erase("data_type");
        else if (m == "labels array")
            unit["labels"] = json::array();
        else if (m == "unit string")
            row["data_units"]["aaaaaaaa-0000-4000-8000-00000000000a"] = "cat";
        else if (m == "width text")
            unit["width"] = "wide";
        else if (m == "classificationHash missing")
            unit["labels"]["classifications"][0].erase("classificationHash");
        else if (m == "created_at number")
            row["created_at"] = 1735725600;
        else if (m == "object_answers array")
            row["object_answers"] = json::array();
        else if (m == "data_title number")
            row["data_title"] = 3;
        else if (m == "confidence text")
            objects[1]["confidence"] = "high";
        else if (m == "video frame key") {
            row = fixtureJson("encord_video_row.json");
            json &labels = row["data_units"]["bbbbbbbb-0000-4000-8000-00000000000b"]["labels"];
            labels["first"] = labels["0"];
        } else if (m == "video objectHash missing") {
            row = fixtureJson("encord_video_row.json");
            row["data_units"]["bbbbbbbb-0000-4000-8000-00000000000b"]["labels"]["1"]["objects"][1].erase(
                "objectHash");
        } else if (m == "group data_sequence missing") {
            row = fixtureJson("image_group_row.json");
            row["data_units"]["a0000000-0000-4000-8000-000000000001"].erase("data_sequence");
        } else
            QFAIL("unknown mutation");

        // The bad row is the second of three: the message names it.
        const json good = fixtureJson("encord_video_row.json");
        const json array = json::array({good, row, good});
        auto result = LabelRowDocument::arrayFromBytes(bytesOf(array));
        QVERIFY(!result.ok());
        QVERIFY2(result.error().contains(expected), qPrintable(result.error()));

        // The single-row entry points report the same problem, with the given context.
        auto single = LabelRowDocument::fromJson(row, QStringLiteral("row 2"));
        QVERIFY(!single.ok());
        QVERIFY2(single.error().contains(expected), qPrintable(single.error()));
    }

    void errorWithoutContextSaysLabelRow()
    {
        json row = fixtureJson("encord_image_row.json");
        row["data_units"] = 5;
        auto result = LabelRowDocument::fromJson(row);
        QCOMPARE(result.error(),
                 QStringLiteral("label row (\"cat.jpg\"): field \"data_units\" must be an object"));
        auto bytes = LabelRowDocument::fromBytes(QByteArray("{\"data_hash\": "), QStringLiteral("row 9"));
        QVERIFY(bytes.error().startsWith(QStringLiteral("row 9: invalid JSON at byte 15: ")));
    }

    void arrayOfRows()
    {
        const json array =
            json::array({fixtureJson("encord_image_row.json"), fixtureJson("encord_video_row.json"),
                         fixtureJson("image_group_row.json")});
        auto result = LabelRowDocument::arrayFromBytes(bytesOf(array));
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->size(), 3);
        QCOMPARE(result->at(0).dataTitle(), QStringLiteral("cat.jpg"));
        QCOMPARE(result->at(1).objectInstanceCount(), 2);
        QCOMPARE(result->at(2).objectInstanceCount(), 3);
        auto empty = LabelRowDocument::arrayFromBytes(QByteArray(" [ ] "));
        QVERIFY(empty.ok());
        QVERIFY(empty->isEmpty());
    }

    // --- writing -------------------------------------------------------------------------------------

    void roundTripKeepsContent()
    {
        for (const char *name : {"encord_image_row.json", "encord_video_row.json", "geometry_image_row.json",
                                 "image_group_row.json"}) {
            const LabelRowDocument doc = LabelRowDocument::fromBytes(fixture(name)).value();
            const QByteArray bytes = doc.toBytes();
            QVERIFY(!bytes.contains('\n')); // compact
            auto again = LabelRowDocument::fromBytes(bytes);
            QVERIFY2(again.ok(), qPrintable(again.error()));
            QCOMPARE(again->contentHash(), doc.contentHash());
            QCOMPARE(again->json(), doc.json());
            QCOMPARE(again->objectInstanceCount(), doc.objectInstanceCount());
            QCOMPARE(again->classCounts(), doc.classCounts());
            QCOMPARE(again->labelHash(), doc.labelHash());
            QCOMPARE(again->createdAt(), doc.createdAt());
        }
    }

    void settersUpdateJson()
    {
        LabelRowDocument doc = LabelRowDocument::fromBytes(fixture("encord_image_row.json")).value();
        const QString hash = doc.contentHash();
        doc.setLabelHash(QStringLiteral("22222222-2222-4222-8222-222222222222"));
        doc.setBranchName(QStringLiteral("experiment \u00e9"));
        doc.setLabelStatus(QStringLiteral("REVIEWED"));
        const QDateTime created(QDate(2025, 1, 1), QTime(10, 0), Qt::UTC);
        const QDateTime edited(QDate(2025, 3, 9), QTime(23, 59, 58), Qt::UTC);
        doc.setTimestamps(created, edited);

        QCOMPARE(doc.labelHash(), QStringLiteral("22222222-2222-4222-8222-222222222222"));
        QCOMPARE(doc.branchName(), QStringLiteral("experiment \u00e9"));
        QCOMPARE(doc.labelStatus(), QStringLiteral("REVIEWED"));
        QCOMPARE(doc.createdAt(), created);
        QCOMPARE(doc.lastEditedAt(), edited);
        const json &j = doc.json();
        QCOMPARE(j.at("label_hash").get<std::string>(), std::string("22222222-2222-4222-8222-222222222222"));
        QCOMPARE(j.at("branch_name").get<std::string>(), std::string("experiment \xc3\xa9"));
        QCOMPARE(j.at("label_status").get<std::string>(), std::string("REVIEWED"));
        // The same instant keeps the row's spelling; another one is written in the long form.
        QCOMPARE(j.at("created_at").get<std::string>(), std::string("2025-01-01 10:00:00"));
        QCOMPARE(j.at("last_edited_at").get<std::string>(), std::string("Sun, 09 Mar 2025 23:59:58 UTC"));
        QCOMPARE(doc.contentHash(), hash); // identity is not content

        // What is written comes back.
        auto again = LabelRowDocument::fromBytes(doc.toBytes());
        QVERIFY(again.ok());
        QCOMPARE(again->labelHash(), doc.labelHash());
        QCOMPARE(again->branchName(), doc.branchName());
        QCOMPARE(again->labelStatus(), doc.labelStatus());
        QCOMPARE(again->createdAt(), created);
        QCOMPARE(again->lastEditedAt(), edited);

        // Local times are written in UTC; invalid ones as null.
        QDateTime local = edited.toLocalTime();
        doc.setTimestamps(local, QDateTime());
        QCOMPARE(doc.json().at("created_at").get<std::string>(),
                 std::string("Sun, 09 Mar 2025 23:59:58 UTC"));
        QVERIFY(doc.json().at("last_edited_at").is_null());
        QVERIFY(!doc.lastEditedAt().isValid());
        QCOMPARE(doc.createdAt().timeSpec(), Qt::UTC);
    }

    // --- timestamps ----------------------------------------------------------------------------------

    void timestamps_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        const QDateTime base(QDate(2023, 2, 9), QTime(14, 12, 3), Qt::UTC);
        QTest::newRow("plain") << QStringLiteral("2023-02-09 14:12:03") << base;
        QTest::newRow("long UTC") << QStringLiteral("Thu, 09 Feb 2023 14:12:03 UTC") << base;
        QTest::newRow("long GMT") << QStringLiteral("Thu, 09 Feb 2023 14:12:03 GMT") << base;
        QTest::newRow("long, wrong weekday ignored")
            << QStringLiteral("Mon, 09 Feb 2023 14:12:03 UTC") << base;
        QTest::newRow("long, no zone") << QStringLiteral("Thu, 9 Feb 2023 14:12:03") << base;
        QTest::newRow("iso") << QStringLiteral("2023-02-09T14:12:03") << base;
        QTest::newRow("iso Z") << QStringLiteral("2023-02-09T14:12:03Z") << base;
        QTest::newRow("iso offset") << QStringLiteral("2023-02-09T16:12:03+02:00") << base;
        QTest::newRow("iso negative offset") << QStringLiteral("2023-02-09T09:12:03-0500") << base;
        QTest::newRow("iso micro") << QStringLiteral("2023-03-21T09:58:08.472959")
                                   << QDateTime(QDate(2023, 3, 21), QTime(9, 58, 8, 472), Qt::UTC);
        QTest::newRow("iso ms Z") << QStringLiteral("2023-02-09T14:12:03.000Z") << base;
        QTest::newRow("spaces") << QStringLiteral("  2023-02-09 14:12:03  ") << base;
        QTest::newRow("date only") << QStringLiteral("2023-02-09")
                                   << QDateTime(QDate(2023, 2, 9), QTime(0, 0), Qt::UTC);
        QTest::newRow("None") << QStringLiteral("None") << QDateTime();
        QTest::newRow("empty") << QString() << QDateTime();
        QTest::newRow("garbage") << QStringLiteral("yesterday") << QDateTime();
        QTest::newRow("bad month") << QStringLiteral("Thu, 09 Fox 2023 14:12:03 UTC") << QDateTime();
        QTest::newRow("bad day") << QStringLiteral("2023-02-30 14:12:03") << QDateTime();
        QTest::newRow("trailing junk") << QStringLiteral("2023-02-09 14:12:03 tomorrow") << QDateTime();
    }

    void timestamps()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        const QDateTime parsed = lb::parseEncordTimestamp(text);
        QCOMPARE(parsed.isValid(), expected.isValid());
        if (expected.isValid()) {
            QCOMPARE(parsed, expected);
            QCOMPARE(parsed.timeSpec(), Qt::UTC);
        }
    }

    void longTimestampFormat()
    {
        QCOMPARE(lb::formatEncordLongTimestamp(QDateTime(QDate(2025, 1, 1), QTime(10, 0), Qt::UTC)),
                 QStringLiteral("Wed, 01 Jan 2025 10:00:00 UTC"));
        QCOMPARE(lb::formatEncordLongTimestamp(QDateTime(QDate(2023, 2, 9), QTime(14, 12, 3, 999), Qt::UTC)),
                 QStringLiteral("Thu, 09 Feb 2023 14:12:03 UTC"));
        QCOMPARE(lb::formatEncordLongTimestamp(
                     QDateTime(QDate(2024, 12, 31), QTime(1, 30), Qt::OffsetFromUTC, 7200)),
                 QStringLiteral("Mon, 30 Dec 2024 23:30:00 UTC"));
        QCOMPARE(lb::formatEncordLongTimestamp(QDateTime()), QString());
        // Round trip through the parser.
        const QDateTime t(QDate(2026, 11, 25), QTime(7, 8, 9), Qt::UTC);
        QCOMPARE(lb::parseEncordTimestamp(lb::formatEncordLongTimestamp(t)), t);
    }

    // --- small helpers of the same contract ----------------------------------------------------------

    void dataTypes()
    {
        lb::DataType type = lb::DataType::Video;
        QVERIFY(lb::parseDataType(QStringLiteral("IMAGE"), &type));
        QCOMPARE(type, lb::DataType::Image);
        QVERIFY(lb::parseDataType(QStringLiteral("IMG_GROUP"), &type));
        QCOMPARE(type, lb::DataType::ImageGroup);
        QVERIFY(lb::parseDataType(QStringLiteral("image_group"), &type));
        QCOMPARE(type, lb::DataType::ImageGroup);
        QVERIFY(lb::parseDataType(QStringLiteral("video"), &type));
        QCOMPARE(type, lb::DataType::Video);
        QVERIFY(lb::parseDataType(QStringLiteral("DICOM"), &type));
        QCOMPARE(type, lb::DataType::Dicom);
        QVERIFY(lb::parseDataType(QStringLiteral("PLAIN_TEXT"), &type));
        QCOMPARE(type, lb::DataType::PlainText);
        // A type Encord adds later is kept by its name.
        QVERIFY(lb::parseDataType(QStringLiteral("POINT_CLOUD"), &type));
        QCOMPARE(type.kind(), lb::DataType::Other);
        QCOMPARE(type.labelRowName(), QStringLiteral("point_cloud"));
        QVERIFY(!(type == lb::DataType::Other)); // not the same as an unnamed one
        type = lb::DataType::Image;
        QVERIFY(!lb::parseDataType(QStringLiteral("  "), &type));
        QCOMPARE(type, lb::DataType::Image); // untouched on failure
        QVERIFY(!lb::parseDataType(QString(), &type));
        for (int kind = lb::DataType::Image; kind < lb::DataType::Other; ++kind) {
            const lb::DataType t(static_cast<lb::DataType::Kind>(kind));
            lb::DataType back = lb::DataType::Image;
            QVERIFY(lb::parseDataType(lb::dataTypeLabelRowName(t), &back));
            QCOMPARE(back, t);
            QVERIFY(!t.displayName().isEmpty());
        }
        QCOMPARE(lb::dataTypeLabelRowName(lb::DataType::ImageGroup), QStringLiteral("img_group"));
        QCOMPARE(lb::dataTypeLabelRowName(lb::DataType::DicomStudy), QStringLiteral("dicom_study"));
        QCOMPARE(lb::dataTypeDisplayName(lb::DataType::ImageGroup), QStringLiteral("image group"));
    }

    void ontologyLookup()
    {
        lb::Ontology ontology;
        ontology.objects.append({QStringLiteral("qWm5E3j4"), QStringLiteral("Apple"),
                                 QStringLiteral("bounding_box"), QStringLiteral("#D33115")});
        ontology.classifications.append(
            {QStringLiteral("4BjoumKd"), QStringLiteral("hot dog"), QStringLiteral("t/prlg4Z"), {}, {}});
        QVERIFY(ontology.object(QStringLiteral("qWm5E3j4")));
        QCOMPARE(ontology.object(QStringLiteral("qWm5E3j4"))->color, QStringLiteral("#D33115"));
        QVERIFY(!ontology.object(QStringLiteral("nope")));
        QCOMPARE(ontology.nameOf(QStringLiteral("qWm5E3j4")), QStringLiteral("Apple"));
        QCOMPARE(ontology.nameOf(QStringLiteral("4BjoumKd")), QStringLiteral("hot dog"));
        QCOMPARE(ontology.nameOf(QStringLiteral("unknown1")), QStringLiteral("unknown1"));
    }
};

QTEST_GUILESS_MAIN(TestLabelRowDocument)
#include "tst_labelrowdocument.moc"
