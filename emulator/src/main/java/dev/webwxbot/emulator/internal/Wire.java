package dev.webwxbot.emulator.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The emulator's own wire records, written in the field order and with the exact capitalisation and value types of
 * the captures (PROTOCOL.md 3.1, 3.6, 3.7, 4.2, 9.1). Independent of any client code on purpose.
 */
final class Wire {
    private Wire() {
    }

    record BaseResponse(@JsonProperty("Ret") int ret, @JsonProperty("ErrMsg") String errMsg) {
        static final BaseResponse OK = new BaseResponse(0, "");

        static BaseResponse of(int ret) {
            return new BaseResponse(ret, "");
        }
    }

    /** Any JSON answer that carries only a BaseResponse (errors of endpoints with no richer skeleton). */
    record BareResponse(@JsonProperty("BaseResponse") BaseResponse baseResponse) {
    }

    record KeyVal(@JsonProperty("Key") int key, @JsonProperty("Val") long val) {
    }

    record SyncKey(@JsonProperty("Count") int count, @JsonProperty("List") List<KeyVal> list) {
        static SyncKey of(List<KeyVal> keys) {
            return new SyncKey(keys.size(), List.copyOf(keys));
        }

        static final SyncKey EMPTY = new SyncKey(0, List.of());
    }

    @JsonPropertyOrder({"Uin", "UserName", "NickName", "AttrStatus", "PYInitial", "PYQuanPin", "RemarkPYInitial",
            "RemarkPYQuanPin", "MemberStatus", "DisplayName", "KeyWord"})
    record Member(@JsonProperty("Uin") long uin, @JsonProperty("UserName") String userName,
                  @JsonProperty("NickName") String nickName, @JsonProperty("AttrStatus") long attrStatus,
                  @JsonProperty("PYInitial") String pyInitial, @JsonProperty("PYQuanPin") String pyQuanPin,
                  @JsonProperty("RemarkPYInitial") String remarkPyInitial,
                  @JsonProperty("RemarkPYQuanPin") String remarkPyQuanPin,
                  @JsonProperty("MemberStatus") int memberStatus, @JsonProperty("DisplayName") String displayName,
                  @JsonProperty("KeyWord") String keyWord) {
    }

    @JsonPropertyOrder({"Uin", "UserName", "NickName", "HeadImgUrl", "ContactFlag", "MemberCount", "MemberList",
            "RemarkName", "HideInputBarFlag", "Sex", "Signature", "VerifyFlag", "OwnerUin", "PYInitial", "PYQuanPin",
            "RemarkPYInitial", "RemarkPYQuanPin", "StarFriend", "AppAccountFlag", "Statues", "AttrStatus", "Province",
            "City", "Alias", "SnsFlag", "UniFriend", "DisplayName", "ChatRoomId", "KeyWord", "EncryChatRoomId",
            "IsOwner"})
    record Contact(@JsonProperty("Uin") long uin, @JsonProperty("UserName") String userName,
                   @JsonProperty("NickName") String nickName, @JsonProperty("HeadImgUrl") String headImgUrl,
                   @JsonProperty("ContactFlag") int contactFlag, @JsonProperty("MemberCount") int memberCount,
                   @JsonProperty("MemberList") List<Member> memberList,
                   @JsonProperty("RemarkName") String remarkName,
                   @JsonProperty("HideInputBarFlag") int hideInputBarFlag, @JsonProperty("Sex") int sex,
                   @JsonProperty("Signature") String signature, @JsonProperty("VerifyFlag") int verifyFlag,
                   @JsonProperty("OwnerUin") long ownerUin, @JsonProperty("PYInitial") String pyInitial,
                   @JsonProperty("PYQuanPin") String pyQuanPin,
                   @JsonProperty("RemarkPYInitial") String remarkPyInitial,
                   @JsonProperty("RemarkPYQuanPin") String remarkPyQuanPin,
                   @JsonProperty("StarFriend") int starFriend, @JsonProperty("AppAccountFlag") int appAccountFlag,
                   @JsonProperty("Statues") int statues, @JsonProperty("AttrStatus") long attrStatus,
                   @JsonProperty("Province") String province, @JsonProperty("City") String city,
                   @JsonProperty("Alias") String alias, @JsonProperty("SnsFlag") int snsFlag,
                   @JsonProperty("UniFriend") int uniFriend, @JsonProperty("DisplayName") String displayName,
                   @JsonProperty("ChatRoomId") long chatRoomId, @JsonProperty("KeyWord") String keyWord,
                   @JsonProperty("EncryChatRoomId") String encryChatRoomId, @JsonProperty("IsOwner") int isOwner) {
    }

    @JsonPropertyOrder({"Uin", "UserName", "NickName", "HeadImgUrl", "RemarkName", "PYInitial", "PYQuanPin",
            "RemarkPYInitial", "RemarkPYQuanPin", "HideInputBarFlag", "StarFriend", "Sex", "Signature",
            "AppAccountFlag", "VerifyFlag", "ContactFlag", "WebWxPluginSwitch", "HeadImgFlag", "SnsFlag"})
    record User(@JsonProperty("Uin") long uin, @JsonProperty("UserName") String userName,
                @JsonProperty("NickName") String nickName, @JsonProperty("HeadImgUrl") String headImgUrl,
                @JsonProperty("RemarkName") String remarkName, @JsonProperty("PYInitial") String pyInitial,
                @JsonProperty("PYQuanPin") String pyQuanPin, @JsonProperty("RemarkPYInitial") String remarkPyInitial,
                @JsonProperty("RemarkPYQuanPin") String remarkPyQuanPin,
                @JsonProperty("HideInputBarFlag") int hideInputBarFlag, @JsonProperty("StarFriend") int starFriend,
                @JsonProperty("Sex") int sex, @JsonProperty("Signature") String signature,
                @JsonProperty("AppAccountFlag") int appAccountFlag, @JsonProperty("VerifyFlag") int verifyFlag,
                @JsonProperty("ContactFlag") int contactFlag,
                @JsonProperty("WebWxPluginSwitch") int webWxPluginSwitch,
                @JsonProperty("HeadImgFlag") int headImgFlag, @JsonProperty("SnsFlag") int snsFlag) {
    }

    @JsonPropertyOrder({"UserName", "NickName", "QQNum", "Province", "City", "Content", "Signature", "Alias", "Scene",
            "VerifyFlag", "AttrStatus", "Sex", "Ticket", "OpCode"})
    record RecommendInfo(@JsonProperty("UserName") String userName, @JsonProperty("NickName") String nickName,
                         @JsonProperty("QQNum") long qqNum, @JsonProperty("Province") String province,
                         @JsonProperty("City") String city, @JsonProperty("Content") String content,
                         @JsonProperty("Signature") String signature, @JsonProperty("Alias") String alias,
                         @JsonProperty("Scene") int scene, @JsonProperty("VerifyFlag") int verifyFlag,
                         @JsonProperty("AttrStatus") long attrStatus, @JsonProperty("Sex") int sex,
                         @JsonProperty("Ticket") String ticket, @JsonProperty("OpCode") int opCode) {
        static final RecommendInfo EMPTY = new RecommendInfo("", "", 0, "", "", "", "", "", 0, 0, 0, 0, "", 0);
    }

    record AppInfo(@JsonProperty("AppID") String appId, @JsonProperty("Type") int type) {
        static final AppInfo EMPTY = new AppInfo("", 0);
    }

    /** An {@code AddMsgList} entry: every field always present; {@code MsgId} a string, {@code NewMsgId} a number. */
    @JsonPropertyOrder({"MsgId", "FromUserName", "ToUserName", "MsgType", "Content", "Status", "ImgStatus",
            "CreateTime", "VoiceLength", "PlayLength", "FileName", "FileSize", "MediaId", "Url", "AppMsgType",
            "StatusNotifyCode", "StatusNotifyUserName", "RecommendInfo", "ForwardFlag", "AppInfo", "HasProductId",
            "Ticket", "ImgHeight", "ImgWidth", "SubMsgType", "NewMsgId", "OriContent", "EncryFileName"})
    record Message(@JsonProperty("MsgId") String msgId, @JsonProperty("FromUserName") String fromUserName,
                   @JsonProperty("ToUserName") String toUserName, @JsonProperty("MsgType") int msgType,
                   @JsonProperty("Content") String content, @JsonProperty("Status") int status,
                   @JsonProperty("ImgStatus") int imgStatus, @JsonProperty("CreateTime") long createTime,
                   @JsonProperty("VoiceLength") int voiceLength, @JsonProperty("PlayLength") int playLength,
                   @JsonProperty("FileName") String fileName, @JsonProperty("FileSize") String fileSize,
                   @JsonProperty("MediaId") String mediaId, @JsonProperty("Url") String url,
                   @JsonProperty("AppMsgType") int appMsgType,
                   @JsonProperty("StatusNotifyCode") int statusNotifyCode,
                   @JsonProperty("StatusNotifyUserName") String statusNotifyUserName,
                   @JsonProperty("RecommendInfo") RecommendInfo recommendInfo,
                   @JsonProperty("ForwardFlag") int forwardFlag, @JsonProperty("AppInfo") AppInfo appInfo,
                   @JsonProperty("HasProductId") int hasProductId, @JsonProperty("Ticket") String ticket,
                   @JsonProperty("ImgHeight") int imgHeight, @JsonProperty("ImgWidth") int imgWidth,
                   @JsonProperty("SubMsgType") int subMsgType, @JsonProperty("NewMsgId") long newMsgId,
                   @JsonProperty("OriContent") String oriContent,
                   @JsonProperty("EncryFileName") String encryFileName) {
    }

    record Buff(@JsonProperty("Buff") String buff) {
        static final Buff EMPTY = new Buff("");
    }

    @JsonPropertyOrder({"BitFlag", "UserName", "NickName", "BindUin", "BindEmail", "BindMobile", "Status", "Sex",
            "PersonalCard", "Alias", "HeadImgUpdateFlag", "HeadImgUrl", "Signature"})
    record Profile(@JsonProperty("BitFlag") int bitFlag, @JsonProperty("UserName") Buff userName,
                   @JsonProperty("NickName") Buff nickName, @JsonProperty("BindUin") long bindUin,
                   @JsonProperty("BindEmail") Buff bindEmail, @JsonProperty("BindMobile") Buff bindMobile,
                   @JsonProperty("Status") int status, @JsonProperty("Sex") int sex,
                   @JsonProperty("PersonalCard") int personalCard, @JsonProperty("Alias") String alias,
                   @JsonProperty("HeadImgUpdateFlag") int headImgUpdateFlag,
                   @JsonProperty("HeadImgUrl") String headImgUrl, @JsonProperty("Signature") String signature) {
        static final Profile UNCHANGED =
                new Profile(0, Buff.EMPTY, Buff.EMPTY, 0, Buff.EMPTY, Buff.EMPTY, 0, 0, 0, "", 0, "", "");
    }

    @JsonPropertyOrder({"UserName", "MPArticleCount", "MPArticleList", "Time", "NickName"})
    record MpSubscribeMsg(@JsonProperty("UserName") String userName,
                          @JsonProperty("MPArticleCount") int mpArticleCount,
                          @JsonProperty("MPArticleList") List<Object> mpArticleList,
                          @JsonProperty("Time") long time, @JsonProperty("NickName") String nickName) {
    }

    @JsonPropertyOrder({"BaseResponse", "Count", "ContactList", "SyncKey", "User", "ChatSet", "SKey", "ClientVersion",
            "SystemTime", "GrayScale", "InviteStartCount", "MPSubscribeMsgCount", "MPSubscribeMsgList",
            "ClickReportInterval"})
    record InitResponse(@JsonProperty("BaseResponse") BaseResponse baseResponse, @JsonProperty("Count") int count,
                        @JsonProperty("ContactList") List<Contact> contactList,
                        @JsonProperty("SyncKey") SyncKey syncKey, @JsonProperty("User") User user,
                        @JsonProperty("ChatSet") String chatSet, @JsonProperty("SKey") String sKey,
                        @JsonProperty("ClientVersion") long clientVersion,
                        @JsonProperty("SystemTime") long systemTime, @JsonProperty("GrayScale") int grayScale,
                        @JsonProperty("InviteStartCount") int inviteStartCount,
                        @JsonProperty("MPSubscribeMsgCount") int mpSubscribeMsgCount,
                        @JsonProperty("MPSubscribeMsgList") List<MpSubscribeMsg> mpSubscribeMsgList,
                        @JsonProperty("ClickReportInterval") long clickReportInterval) {
    }

    @JsonPropertyOrder({"BaseResponse", "AddMsgCount", "AddMsgList", "ModContactCount", "ModContactList",
            "DelContactCount", "DelContactList", "ModChatRoomMemberCount", "ModChatRoomMemberList", "Profile",
            "ContinueFlag", "SyncKey", "SKey", "SyncCheckKey"})
    record SyncResponse(@JsonProperty("BaseResponse") BaseResponse baseResponse,
                        @JsonProperty("AddMsgCount") int addMsgCount,
                        @JsonProperty("AddMsgList") List<Object> addMsgList,
                        @JsonProperty("ModContactCount") int modContactCount,
                        @JsonProperty("ModContactList") List<Object> modContactList,
                        @JsonProperty("DelContactCount") int delContactCount,
                        @JsonProperty("DelContactList") List<Object> delContactList,
                        @JsonProperty("ModChatRoomMemberCount") int modChatRoomMemberCount,
                        @JsonProperty("ModChatRoomMemberList") List<Object> modChatRoomMemberList,
                        @JsonProperty("Profile") Profile profile, @JsonProperty("ContinueFlag") int continueFlag,
                        @JsonProperty("SyncKey") SyncKey syncKey, @JsonProperty("SKey") String sKey,
                        @JsonProperty("SyncCheckKey") SyncKey syncCheckKey) {

        /** The skeleton a failed sync still returns: empty lists and a zero-count SyncKey (PROTOCOL.md 4.2). */
        static SyncResponse failed(int ret) {
            return new SyncResponse(BaseResponse.of(ret), 0, List.of(), 0, List.of(), 0, List.of(), 0, List.of(),
                    Profile.UNCHANGED, 0, SyncKey.EMPTY, "", SyncKey.EMPTY);
        }
    }

    @JsonPropertyOrder({"BaseResponse", "MemberCount", "MemberList", "Seq"})
    record GetContactResponse(@JsonProperty("BaseResponse") BaseResponse baseResponse,
                              @JsonProperty("MemberCount") int memberCount,
                              @JsonProperty("MemberList") List<Contact> memberList, @JsonProperty("Seq") long seq) {
    }

    @JsonPropertyOrder({"BaseResponse", "Count", "ContactList"})
    record BatchGetContactResponse(@JsonProperty("BaseResponse") BaseResponse baseResponse,
                                   @JsonProperty("Count") int count,
                                   @JsonProperty("ContactList") List<Contact> contactList) {
    }

    @JsonPropertyOrder({"BaseResponse", "MsgID"})
    record StatusNotifyResponse(@JsonProperty("BaseResponse") BaseResponse baseResponse,
                                @JsonProperty("MsgID") String msgId) {
    }

    @JsonPropertyOrder({"BaseResponse", "Introduction", "SysWording"})
    record RevokeResponse(@JsonProperty("BaseResponse") BaseResponse baseResponse,
                          @JsonProperty("Introduction") String introduction,
                          @JsonProperty("SysWording") String sysWording) {
    }

    /** A {@code DelContactList} entry (PROTOCOL.md 4.2). */
    record DelContact(@JsonProperty("UserName") String userName, @JsonProperty("ContactFlag") int contactFlag) {
    }

    @JsonPropertyOrder({"BaseResponse", "MsgID", "LocalID"})
    record SendResponse(@JsonProperty("BaseResponse") BaseResponse baseResponse, @JsonProperty("MsgID") String msgId,
                        @JsonProperty("LocalID") String localId) {
    }

    /** webwxuploadmedia's answer (PROTOCOL.md 6.2; field order of the qjesus capture). */
    @JsonPropertyOrder({"BaseResponse", "MediaId", "StartPos", "CDNThumbImgHeight", "CDNThumbImgWidth", "EncryFileName"})
    record UploadResponse(@JsonProperty("BaseResponse") BaseResponse baseResponse, @JsonProperty("MediaId") String mediaId,
                          @JsonProperty("StartPos") long startPos,
                          @JsonProperty("CDNThumbImgHeight") int thumbHeight,
                          @JsonProperty("CDNThumbImgWidth") int thumbWidth,
                          @JsonProperty("EncryFileName") String encryFileName) {
    }

    /** webwxcheckupload's answer (PROTOCOL.md 6.1). */
    @JsonPropertyOrder({"BaseResponse", "MediaId", "AESKey", "Signature", "EncryFileName"})
    record CheckUploadResponse(@JsonProperty("BaseResponse") BaseResponse baseResponse,
                               @JsonProperty("MediaId") String mediaId, @JsonProperty("AESKey") String aesKey,
                               @JsonProperty("Signature") String signature,
                               @JsonProperty("EncryFileName") String encryFileName) {
    }

    /** webwxcreatechatroom's answer (PROTOCOL.md 8.3; the field order of the wwdk capture). */
    @JsonPropertyOrder({"BaseResponse", "Topic", "PYInitial", "QuanPin", "MemberCount", "MemberList", "ChatRoomName",
            "BlackList"})
    record CreateChatRoomResponse(@JsonProperty("BaseResponse") BaseResponse baseResponse,
                                  @JsonProperty("Topic") String topic, @JsonProperty("PYInitial") String pyInitial,
                                  @JsonProperty("QuanPin") String quanPin, @JsonProperty("MemberCount") int memberCount,
                                  @JsonProperty("MemberList") List<Member> memberList,
                                  @JsonProperty("ChatRoomName") String chatRoomName,
                                  @JsonProperty("BlackList") String blackList) {
    }

    /** webwxupdatechatroom's answer (PROTOCOL.md 8.4; the wwdk captures). */
    @JsonPropertyOrder({"BaseResponse", "MemberCount", "MemberList"})
    record UpdateChatRoomResponse(@JsonProperty("BaseResponse") BaseResponse baseResponse,
                                  @JsonProperty("MemberCount") int memberCount,
                                  @JsonProperty("MemberList") List<Member> memberList) {
    }
}
