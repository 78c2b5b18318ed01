using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplexCases.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProcessRecordsAndPanels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ConfirmedAt",
                table: "workflow_events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConfirmedBy",
                table: "workflow_events",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConfirmedByName",
                table: "workflow_events",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReadAt",
                table: "quality_reviews",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReadBy",
                table: "quality_reviews",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WentWell",
                table: "quality_reviews",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Guests",
                table: "panel_meetings",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "StartsAt",
                table: "panel_meetings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Venue",
                table: "panel_meetings",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VideoLink",
                table: "panel_meetings",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WrittenInput",
                table: "panel_meetings",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Apologies",
                table: "panel_meeting_members",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "case_action_updates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ActionId = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    FromStatus = table.Column<int>(type: "INTEGER", nullable: false),
                    ToStatus = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_action_updates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_action_updates_case_actions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "case_actions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "panel_meeting_staff",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Crn = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attended = table.Column<bool>(type: "INTEGER", nullable: false),
                    Apologies = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_panel_meeting_staff", x => x.Id);
                    table.ForeignKey(
                        name: "FK_panel_meeting_staff_panel_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "panel_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "quality_review_replies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReviewId = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quality_review_replies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_quality_review_replies_quality_reviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "quality_reviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_case_action_updates_ActionId_At",
                table: "case_action_updates",
                columns: new[] { "ActionId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_panel_meeting_staff_MeetingId_UserName_Crn_Role",
                table: "panel_meeting_staff",
                columns: new[] { "MeetingId", "UserName", "Crn", "Role" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_panel_meeting_staff_UserName",
                table: "panel_meeting_staff",
                column: "UserName");

            migrationBuilder.CreateIndex(
                name: "IX_quality_review_replies_ReviewId",
                table: "quality_review_replies",
                column: "ReviewId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_action_updates");

            migrationBuilder.DropTable(
                name: "panel_meeting_staff");

            migrationBuilder.DropTable(
                name: "quality_review_replies");

            migrationBuilder.DropColumn(
                name: "ConfirmedAt",
                table: "workflow_events");

            migrationBuilder.DropColumn(
                name: "ConfirmedBy",
                table: "workflow_events");

            migrationBuilder.DropColumn(
                name: "ConfirmedByName",
                table: "workflow_events");

            migrationBuilder.DropColumn(
                name: "ReadAt",
                table: "quality_reviews");

            migrationBuilder.DropColumn(
                name: "ReadBy",
                table: "quality_reviews");

            migrationBuilder.DropColumn(
                name: "WentWell",
                table: "quality_reviews");

            migrationBuilder.DropColumn(
                name: "Guests",
                table: "panel_meetings");

            migrationBuilder.DropColumn(
                name: "StartsAt",
                table: "panel_meetings");

            migrationBuilder.DropColumn(
                name: "Venue",
                table: "panel_meetings");

            migrationBuilder.DropColumn(
                name: "VideoLink",
                table: "panel_meetings");

            migrationBuilder.DropColumn(
                name: "WrittenInput",
                table: "panel_meetings");

            migrationBuilder.DropColumn(
                name: "Apologies",
                table: "panel_meeting_members");
        }
    }
}
