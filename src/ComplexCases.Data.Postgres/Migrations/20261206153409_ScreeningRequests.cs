using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplexCases.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ScreeningRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "screening_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    DefinitionId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    Extract = table.Column<byte[]>(type: "bytea", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Stage = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Percent = table.Column<int>(type: "integer", nullable: false),
                    ResultJson = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Error = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true, collation: "C"),
                    RefusalJson = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    AcceptReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true, collation: "C"),
                    QueuedTicks = table.Column<long>(type: "bigint", nullable: false),
                    ClaimedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    HeartbeatTicks = table.Column<long>(type: "bigint", nullable: true),
                    FinishedTicks = table.Column<long>(type: "bigint", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_screening_requests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_screening_requests_Source",
                table: "screening_requests",
                column: "Source",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_screening_requests_Status_QueuedTicks",
                table: "screening_requests",
                columns: new[] { "Status", "QueuedTicks" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "screening_requests");
        }
    }
}
