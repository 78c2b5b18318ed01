using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ComplexCases.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DefinitionLibrary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CreatedAt",
                table: "definitions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "definitions",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true,
                collation: "C");

            migrationBuilder.CreateTable(
                name: "definition_adoptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DefinitionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    DefinitionVersion = table.Column<int>(type: "integer", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false, collation: "C"),
                    AdoptedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    AdoptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_definition_adoptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_definition_adoptions_definitions_DefinitionId_DefinitionVer~",
                        columns: x => new { x.DefinitionId, x.DefinitionVersion },
                        principalTable: "definitions",
                        principalColumns: new[] { "Id", "Version" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_definition_adoptions_DefinitionId_DefinitionVersion",
                table: "definition_adoptions",
                columns: new[] { "DefinitionId", "DefinitionVersion" });

            migrationBuilder.CreateIndex(
                name: "IX_definition_adoptions_EffectiveFrom",
                table: "definition_adoptions",
                column: "EffectiveFrom");

            // Hand-edited, as in the SQLite migration: a saved version is never changed (a change is a new version), and an
            // adoption is a decision on record (a later one supersedes it), so the database refuses to alter either.
            migrationBuilder.Sql("""
                CREATE FUNCTION definitions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '% cannot be %: save a new version or adopt again', TG_TABLE_NAME, CASE TG_OP WHEN 'UPDATE' THEN 'changed' ELSE 'deleted' END;
                END;
                $$;
                CREATE TRIGGER definitions_no_update BEFORE UPDATE ON definitions
                    FOR EACH ROW EXECUTE FUNCTION definitions_immutable();
                CREATE TRIGGER definition_adoptions_no_update BEFORE UPDATE ON definition_adoptions
                    FOR EACH ROW EXECUTE FUNCTION definitions_immutable();
                CREATE TRIGGER definition_adoptions_no_delete BEFORE DELETE ON definition_adoptions
                    FOR EACH ROW EXECUTE FUNCTION definitions_immutable();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS definition_adoptions_no_delete ON definition_adoptions;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS definition_adoptions_no_update ON definition_adoptions;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS definitions_no_update ON definitions;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS definitions_immutable();");
            migrationBuilder.DropTable(
                name: "definition_adoptions");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "definitions");

            migrationBuilder.DropColumn(
                name: "CreatedBy",
                table: "definitions");
        }
    }
}
