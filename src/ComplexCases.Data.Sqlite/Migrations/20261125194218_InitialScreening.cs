using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplexCases.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InitialScreening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "definitions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: false),
                    Threshold = table.Column<int>(type: "INTEGER", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_definitions", x => new { x.Id, x.Version });
                });

            migrationBuilder.CreateTable(
                name: "screening_runs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DefinitionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DefinitionVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Threshold = table.Column<int>(type: "INTEGER", nullable: false),
                    ExtractSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RowsRead = table.Column<int>(type: "INTEGER", nullable: false),
                    RowsAccepted = table.Column<int>(type: "INTEGER", nullable: false),
                    RowsRejected = table.Column<int>(type: "INTEGER", nullable: false),
                    People = table.Column<int>(type: "INTEGER", nullable: false),
                    Complex = table.Column<int>(type: "INTEGER", nullable: false),
                    PossiblyComplex = table.Column<int>(type: "INTEGER", nullable: false),
                    Left = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    RunBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_screening_runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "listed_cases",
                columns: table => new
                {
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    Crn = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    PduCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PduName = table.Column<string>(type: "TEXT", nullable: true),
                    RegionCode = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<byte>(type: "INTEGER", nullable: false),
                    Score = table.Column<short>(type: "INTEGER", nullable: false),
                    MetMask = table.Column<byte>(type: "INTEGER", nullable: false),
                    UnknownMask = table.Column<byte>(type: "INTEGER", nullable: false),
                    Change = table.Column<byte>(type: "INTEGER", nullable: false),
                    MonthsListed = table.Column<int>(type: "INTEGER", nullable: false),
                    Forename = table.Column<string>(type: "TEXT", nullable: true),
                    Surname = table.Column<string>(type: "TEXT", nullable: true),
                    TeamCode = table.Column<string>(type: "TEXT", nullable: true),
                    TeamName = table.Column<string>(type: "TEXT", nullable: true),
                    PractitionerCode = table.Column<string>(type: "TEXT", nullable: true),
                    PractitionerName = table.Column<string>(type: "TEXT", nullable: true),
                    SpoCode = table.Column<string>(type: "TEXT", nullable: true),
                    SpoName = table.Column<string>(type: "TEXT", nullable: true),
                    LimitedAccess = table.Column<bool>(type: "INTEGER", nullable: false),
                    EvidenceJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_listed_cases", x => new { x.RunId, x.Crn });
                    table.ForeignKey(
                        name: "FK_listed_cases_screening_runs_RunId",
                        column: x => x.RunId,
                        principalTable: "screening_runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Hand-edited: WITHOUT ROWID makes the primary key the table itself, so each national run
            // writes one B-tree instead of a table and an index (person_results is the big table).
            migrationBuilder.Sql("""
                CREATE TABLE "person_results" (
                    "run_id" INTEGER NOT NULL,
                    "crn" TEXT NOT NULL,
                    "pdu_code" TEXT NOT NULL,
                    "met_mask" INTEGER NOT NULL,
                    "unknown_mask" INTEGER NOT NULL,
                    "score" INTEGER NOT NULL,
                    "status" INTEGER NOT NULL,
                    CONSTRAINT "PK_person_results" PRIMARY KEY ("run_id", "crn"),
                    CONSTRAINT "FK_person_results_screening_runs_run_id" FOREIGN KEY ("run_id") REFERENCES "screening_runs" ("Id") ON DELETE CASCADE
                ) WITHOUT ROWID;
                """);

            migrationBuilder.CreateTable(
                name: "rejected_rows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Line = table.Column<int>(type: "INTEGER", nullable: false),
                    Column = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rejected_rows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_rejected_rows_screening_runs_RunId",
                        column: x => x.RunId,
                        principalTable: "screening_runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "run_files",
                columns: table => new
                {
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Present = table.Column<bool>(type: "INTEGER", nullable: false),
                    RowsRead = table.Column<int>(type: "INTEGER", nullable: false),
                    RowsAccepted = table.Column<int>(type: "INTEGER", nullable: false),
                    RowsRejected = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_run_files", x => new { x.RunId, x.FileName });
                    table.ForeignKey(
                        name: "FK_run_files_screening_runs_RunId",
                        column: x => x.RunId,
                        principalTable: "screening_runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_listed_cases_Crn",
                table: "listed_cases",
                column: "Crn");

            migrationBuilder.CreateIndex(
                name: "IX_listed_cases_RunId_PduCode",
                table: "listed_cases",
                columns: new[] { "RunId", "PduCode" });

            migrationBuilder.CreateIndex(
                name: "IX_rejected_rows_RunId",
                table: "rejected_rows",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_screening_runs_DefinitionId_AsOf",
                table: "screening_runs",
                columns: new[] { "DefinitionId", "AsOf" });

            migrationBuilder.CreateIndex(
                name: "IX_screening_runs_ExtractSha256_AsOf_DefinitionId_DefinitionVersion",
                table: "screening_runs",
                columns: new[] { "ExtractSha256", "AsOf", "DefinitionId", "DefinitionVersion" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "definitions");

            migrationBuilder.DropTable(
                name: "listed_cases");

            migrationBuilder.DropTable(
                name: "person_results");

            migrationBuilder.DropTable(
                name: "rejected_rows");

            migrationBuilder.DropTable(
                name: "run_files");

            migrationBuilder.DropTable(
                name: "screening_runs");
        }
    }
}
