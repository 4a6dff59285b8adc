// Throughput of the demo generator (documents, and contents made ready for a project file) and of the JSON
// output, the parts of the CLI that scale with the number of rows without touching the store.
#include "demo/democontentpacker.h"
#include "demo/demogenerator.h"
#include "demo/demounitbuilder.h"
#include "output/jsonoutput.h"

#include <benchmark/benchmark.h>

namespace {

void BM_GenerateMainRows(benchmark::State &state)
{
    const lb::DemoGenerator generator(lb::DemoGenerator::kDefaultSize);
    const int chunk = static_cast<int>(state.range(0));
    int first = 0;
    qint64 rows = 0;
    for (auto _ : state) {
        auto generated = generator.rows(QStringLiteral("main"), first, chunk);
        if (!generated)
            state.SkipWithError("generation failed");
        rows += generated.ok() ? generated->size() : 0;
        first = (first + chunk) % lb::DemoGenerator::kDefaultSize;
    }
    state.counters["rows/s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_GenerateMainRows)->Arg(16)->Arg(64);

// What writing a demo project does per data unit off the writing thread: render every branch's content
// and make it ready for storing (bytes, digest, content hash, compression), at the benchmark density.
void BM_PrepareUnitsForStoring(benchmark::State &state)
{
    const lb::DemoGenerator generator(lb::DemoGenerator::kLargeSize);
    const lb::demo::DemoUnitBuilder builder{generator, lb::demo::projectUuid(generator.seed(), 3), "Urban"};
    int index = 0;
    qint64 contents = 0;
    for (auto _ : state) {
        const lb::demo::UnitRender rendered = builder.render(index);
        for (const auto &content : rendered.contents) {
            if (!content)
                continue;
            const lb::PreparedContent packed =
                lb::demo::packContent(content->json, content->canonical, content->facts);
            benchmark::DoNotOptimize(packed.compressed.data());
            ++contents;
        }
        index = (index + 1) % 4000;
    }
    state.counters["units/s"] =
        benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
    state.counters["contents/s"] =
        benchmark::Counter(static_cast<double>(contents), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PrepareUnitsForStoring);

void BM_RowSummariesToJson(benchmark::State &state)
{
    const lb::DemoGenerator generator(lb::DemoGenerator::kDefaultSize);
    auto docs = generator.rows(QStringLiteral("main"), 0, lb::DemoGenerator::kDefaultSize);
    QList<lb::LabelRowSummary> rows;
    for (const lb::LabelRowDocument &doc : docs.value()) {
        lb::LabelRowSummary row;
        row.dataHash = doc.dataHash();
        row.labelHash = doc.labelHash();
        row.branchName = doc.branchName();
        row.dataTitle = doc.dataTitle();
        row.dataType = doc.dataType();
        row.labelStatus = doc.labelStatus();
        row.createdAt = doc.createdAt();
        row.lastEditedAt = doc.lastEditedAt();
        row.objectCount = doc.objectInstanceCount();
        row.classificationCount = doc.classificationCount();
        row.classCounts = doc.classCounts();
        row.contentHash = doc.contentHash();
        rows.append(row);
    }
    const lb::JsonOutput output(generator.ontology());
    for (auto _ : state) {
        const QByteArray bytes = lb::JsonOutput::dump(output.rows(rows));
        benchmark::DoNotOptimize(bytes.data());
    }
    state.counters["rows/s"] = benchmark::Counter(static_cast<double>(rows.size()) * state.iterations(),
                                                  benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RowSummariesToJson);

} // namespace

BENCHMARK_MAIN();
