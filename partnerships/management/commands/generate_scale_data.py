import time

from django.core.management.base import BaseCommand, CommandError

from partnerships.scale_data import ScaleDataError, generate


class Command(BaseCommand):
    help = (
        "Fill an empty, migrated database with N partnerships x Y years of generated plans, "
        "actions, progress updates, people and police.uk figures, for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--partnerships", type=int, required=True)
        parser.add_argument("--years", type=int, required=True)
        parser.add_argument("--seed", type=int, default=11, help="The same seed, the same data.")
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="Processes writing counties at once (PostgreSQL only); with more than one, "
            "each county is its own transaction.",
        )

    def handle(self, *args, partnerships, years, seed, workers, **options):
        started = time.perf_counter()

        def report(message):
            self.stdout.write(f"{time.perf_counter() - started:7.1f} s  {message}")

        try:
            done = generate(partnerships, years, seed=seed, workers=workers, report=report)
        except ScaleDataError as error:
            raise CommandError(str(error)) from error
        for name, count in sorted(done.counts.items()):
            self.stdout.write(f"{count:>10,}  {name}")
        report("done")
