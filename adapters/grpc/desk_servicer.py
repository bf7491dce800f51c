"""``erp.v1.OrderDeskService``: protobuf -> arguments -> use case -> protobuf, nothing more."""
from __future__ import annotations

from collections.abc import Iterator

import grpc

from adapters.grpc import desk_requests as requests
from adapters.grpc.call_context import current_principal
from adapters.grpc.desk_mappers import activity_to_proto, note_to_proto, outcome_to_proto, tag_to_proto
from adapters.grpc.export_files import csv_chunks, xlsx_chunks
from adapters.grpc.gen.erp.v1 import order_desk_service_pb2 as pb, order_desk_service_pb2_grpc as pb_grpc
from application.desk.facade import DeskUseCases


class OrderDeskServicer(pb_grpc.OrderDeskServiceServicer):
    def __init__(self, desk: DeskUseCases) -> None:
        self._desk = desk

    def CreateTag(self, request: pb.CreateTagRequest, context: grpc.ServicerContext) -> pb.CreateTagResponse:
        request_id = requests.create_tag_args(request)
        tag = self._desk.tags.create(current_principal(), request.display_name, request.color, request_id)
        return pb.CreateTagResponse(tag=tag_to_proto(tag))

    def ListTags(self, request: pb.ListTagsRequest, context: grpc.ServicerContext) -> pb.ListTagsResponse:
        requests.tags_page_args(request)
        page = self._desk.tags.list(current_principal(), request.page_size, request.page_token)
        return pb.ListTagsResponse(tags=[tag_to_proto(t) for t in page.items], next_page_token=page.next_page_token,
                                   total_size=page.total_size)

    def UpdateTag(self, request: pb.UpdateTagRequest, context: grpc.ServicerContext) -> pb.UpdateTagResponse:
        tag_id, name, color, request_id = requests.update_tag_args(request)
        tag = self._desk.tags.update(current_principal(), tag_id, name, color, request_id)
        return pb.UpdateTagResponse(tag=tag_to_proto(tag))

    def DeleteTag(self, request: pb.DeleteTagRequest, context: grpc.ServicerContext) -> pb.DeleteTagResponse:
        tag_id, request_id = requests.tag_args(request)
        self._desk.tags.delete(current_principal(), tag_id, request_id)
        return pb.DeleteTagResponse()

    def TagOrders(self, request: pb.TagOrdersRequest, context: grpc.ServicerContext) -> pb.TagOrdersResponse:
        return pb.TagOrdersResponse(outcomes=self._bulk(request, add=True))

    def UntagOrders(self, request: pb.UntagOrdersRequest, context: grpc.ServicerContext) -> pb.UntagOrdersResponse:
        return pb.UntagOrdersResponse(outcomes=self._bulk(request, add=False))

    def _bulk(self, request: pb.TagOrdersRequest | pb.UntagOrdersRequest, add: bool) -> list[pb.OrderOutcome]:
        args = requests.bulk_args(request)
        outcomes = self._desk.tagging.execute(current_principal(), args.order_ids, args.tag_ids, add, args.request_id)
        return [outcome_to_proto(o) for o in outcomes]

    def AddOrderNote(self, request: pb.AddOrderNoteRequest, context: grpc.ServicerContext) -> pb.AddOrderNoteResponse:
        order_id, text, request_id = requests.note_args(request)
        note = self._desk.notes.add(current_principal(), order_id, text, request_id)
        return pb.AddOrderNoteResponse(note=note_to_proto(note))

    def ListOrderNotes(self, request: pb.ListOrderNotesRequest,
                       context: grpc.ServicerContext) -> pb.ListOrderNotesResponse:
        order_id = requests.notes_page_args(request)
        page = self._desk.notes.list(current_principal(), order_id, request.page_size, request.page_token)
        return pb.ListOrderNotesResponse(notes=[note_to_proto(n) for n in page.items],
                                         next_page_token=page.next_page_token, total_size=page.total_size)

    def ListActivity(self, request: pb.ListActivityRequest, context: grpc.ServicerContext) -> pb.ListActivityResponse:
        a = requests.activity_args(request)
        page = self._desk.activity.execute(current_principal(), a.order_id, a.shop_id, a.actor_id, a.page_size,
                                           a.page_token)
        return pb.ListActivityResponse(entries=[activity_to_proto(e) for e in page.items],
                                       next_page_token=page.next_page_token, total_size=page.total_size)

    def ExportOrders(self, request: pb.ExportOrdersRequest,
                     context: grpc.ServicerContext) -> Iterator[pb.ExportOrdersResponse]:
        # NOTE: checked here, before the first chunk, so a bad request fails before any data
        export = self._desk.export.execute(requests.export_args(request, current_principal()), list(request.columns))
        return xlsx_chunks(export) if request.format == pb.EXPORT_FORMAT_XLSX else csv_chunks(export)
